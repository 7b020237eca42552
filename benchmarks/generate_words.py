"""Vocabulary for benchmarks/generate.py: names, places and sentence templates in en and pt.

Kept as data apart from the generator so the text can grow without touching its logic.
Templates use `{person}`, `{place}`, `{org}`, `{topic}`, `{num}`, `{month}`, `{role}`,
`{verb}` and `{adj}` slots; every combination reads as ordinary news prose.
"""

# ruff: noqa: E501  (each sentence template stays on one line so it reads as a sentence)

from __future__ import annotations

GIVEN = (
    "Ana", "João", "Maria", "Pedro", "Sofia", "Miguel", "Inês", "Rui", "Carla", "Paulo",
    "Helena", "Tiago", "Marta", "Luís", "Beatriz", "Jorge", "Teresa", "André", "Rita", "Nuno",
    "John", "Mary", "David", "Sarah", "James", "Emma", "Michael", "Laura", "Robert", "Anna",
    "Thomas", "Julia", "Daniel", "Claire", "Peter", "Alice", "Mark", "Olivia", "Simon", "Grace",
)  # fmt: skip
SURNAMES = (
    "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
    "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida",
    "Ribeiro", "Pinto", "Carvalho", "Teixeira", "Moreira", "Correia", "Mendes", "Nunes",
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Walker",
    "Wright", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Turner",
    "Parker", "Cooper", "Morgan", "Bennett", "Reed", "Shaw", "Fisher", "Hayes",
)  # fmt: skip

PLACES = (
    ("Portugal", "Portugal"), ("Brazil", "Brasil"), ("Spain", "Espanha"),
    ("France", "França"), ("Germany", "Alemanha"), ("Italy", "Itália"),
    ("United Kingdom", "Reino Unido"), ("United States", "Estados Unidos"),
    ("China", "China"), ("Japan", "Japão"), ("India", "Índia"), ("Russia", "Rússia"),
    ("Ukraine", "Ucrânia"), ("Poland", "Polónia"), ("Angola", "Angola"),
    ("Mozambique", "Moçambique"), ("Cape Verde", "Cabo Verde"), ("Mexico", "México"),
    ("Argentina", "Argentina"), ("Chile", "Chile"), ("Canada", "Canadá"),
    ("South Africa", "África do Sul"), ("Nigeria", "Nigéria"), ("Egypt", "Egito"),
    ("Turkey", "Turquia"), ("Greece", "Grécia"), ("Netherlands", "Países Baixos"),
    ("Belgium", "Bélgica"), ("Sweden", "Suécia"), ("Norway", "Noruega"),
    ("Lisbon", "Lisboa"), ("Porto", "Porto"), ("Madrid", "Madrid"), ("Paris", "Paris"),
    ("Berlin", "Berlim"), ("Rome", "Roma"), ("London", "Londres"),
    ("Brussels", "Bruxelas"), ("Washington", "Washington"), ("New York", "Nova Iorque"),
    ("Beijing", "Pequim"), ("Tokyo", "Tóquio"), ("Moscow", "Moscovo"), ("Kyiv", "Kyiv"),
    ("Warsaw", "Varsóvia"), ("Luanda", "Luanda"), ("Maputo", "Maputo"),
    ("São Paulo", "São Paulo"), ("Rio de Janeiro", "Rio de Janeiro"), ("Brasília", "Brasília"),
    ("Geneva", "Genebra"), ("Vienna", "Viena"), ("Athens", "Atenas"), ("Cairo", "Cairo"),
    ("Istanbul", "Istambul"), ("Mumbai", "Bombaim"), ("Toronto", "Toronto"),
    ("Buenos Aires", "Buenos Aires"), ("Santiago", "Santiago"), ("Dublin", "Dublin"),
)  # fmt: skip

ORG_HEADS = {
    "en": ("Ministry of", "Institute for", "Council for", "Agency for", "Association for",
           "Foundation for", "Office of", "Commission for"),
    "pt": ("Ministério da", "Instituto para a", "Conselho da", "Agência para a",
           "Associação para a", "Fundação para a", "Gabinete da", "Comissão da"),
}  # fmt: skip
ORG_FIELDS = (
    ("Health", "Saúde"), ("Energy", "Energia"), ("Education", "Educação"),
    ("Finance", "Economia"), ("Housing", "Habitação"), ("Transport", "Mobilidade"),
    ("Agriculture", "Agricultura"), ("Culture", "Cultura"), ("Justice", "Justiça"),
    ("Defence", "Defesa"), ("Labour", "Trabalho"), ("Fisheries", "Pesca"),
    ("Tourism", "Turismo"), ("Science", "Ciência"), ("Environment", "Ambiente"),
    ("Water", "Água"), ("Trade", "Indústria"), ("Migration", "Migração"),
)  # fmt: skip

TOPICS = {
    "en": ("housing", "energy prices", "public health", "the budget", "wildfires", "inflation",
           "the railway", "fisheries", "school reform", "pensions", "water supply", "tourism",
           "the elections", "trade talks", "migration", "the harbour", "digital services",
           "air quality", "wages", "tax reform", "the drought", "defence spending",
           "rural roads", "the hospital network", "renewable power", "the wine harvest"),
    "pt": ("a habitação", "os preços da energia", "a saúde pública", "o orçamento",
           "os incêndios", "a inflação", "a ferrovia", "as pescas", "a reforma escolar",
           "as pensões", "o abastecimento de água", "o turismo", "as eleições",
           "as negociações comerciais", "a migração", "o porto", "os serviços digitais",
           "a qualidade do ar", "os salários", "a reforma fiscal", "a seca",
           "as despesas de defesa", "as estradas rurais", "a rede hospitalar",
           "a energia renovável", "a vindima"),
}  # fmt: skip
TAG_WORDS = {
    "en": ("politics", "economy", "health", "energy", "climate", "education", "justice",
           "culture", "transport", "housing", "labour", "defence", "trade", "science",
           "agriculture", "tourism", "migration", "elections", "budget", "diplomacy"),
    "pt": ("política", "economia", "saúde", "energia", "clima", "educação", "justiça",
           "cultura", "transportes", "habitação", "trabalho", "defesa", "comércio",
           "ciência", "agricultura", "turismo", "migração", "eleições", "orçamento",
           "diplomacia"),
}  # fmt: skip
TAG_QUALIFIERS = {
    "en": ("", "local", "regional", "national", "european", "global"),
    "pt": ("", "local", "regional", "nacional", "europeia", "global"),
}
ROLES = {
    "en": ("the minister", "the mayor", "the spokesperson", "the director", "the president",
           "the union leader", "the economist", "the opposition leader", "the governor"),
    "pt": ("a ministra", "o presidente da câmara", "o porta-voz", "a diretora",
           "o presidente", "a dirigente sindical", "o economista", "o líder da oposição",
           "a governadora"),
}  # fmt: skip
VERBS = {
    "en": ("said", "told reporters", "argued", "warned", "insisted", "explained", "added"),
    "pt": ("afirmou", "disse aos jornalistas", "defendeu", "alertou", "insistiu",
           "explicou", "acrescentou"),
}  # fmt: skip
ADJECTIVES = {
    "en": ("difficult", "decisive", "unusual", "promising", "fragile", "costly", "overdue",
           "ambitious", "modest", "uncertain"),
    "pt": ("difícil", "decisivo", "invulgar", "promissor", "frágil", "dispendioso",
           "atrasado", "ambicioso", "modesto", "incerto"),
}  # fmt: skip
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"),
}  # fmt: skip

TITLES = {
    "en": ("{person} promises new plan on {topic} in {place}",
           "{org} warns of {adj} year for {topic}",
           "{place} debates {topic} as costs rise",
           "{person} and {org} clash over {topic}",
           "Talks on {topic} resume in {place}",
           "{org} publishes report on {topic} in {place}"),
    "pt": ("{person} promete novo plano para {topic} em {place}",
           "{org} alerta para ano {adj} para {topic}",
           "{place} debate {topic} com custos a subir",
           "{person} e {org} divergem sobre {topic}",
           "Negociações sobre {topic} retomadas em {place}",
           "{org} publica relatório sobre {topic} em {place}"),
}  # fmt: skip

SENTENCES = {
    "en": (
        "{person} {verb} that the plan for {topic} would be presented to {org} before {month}.",
        "According to {org}, about {num} families in {place} depend directly on {topic}.",
        "The debate over {topic} has become {adj} since the spring, when costs in {place} rose by {num} per cent.",
        "{role} {verb} that the decision on {topic} could not wait until {month}.",
        "Officials in {place} have met {num} times this year to discuss {topic}.",
        "Critics say the proposal leaves too many questions about {topic} unanswered.",
        "{person}, who has followed {topic} for years, called the situation {adj}.",
        "A report by {org} estimates that {topic} will cost {num} million euros over five years.",
        "In {place}, residents gathered outside the town hall to ask for answers on {topic}.",
        "The opposition accused the government of treating {topic} as a secondary issue.",
        "{role} in {place} {verb} that the first results should be known in {month}.",
        "Nobody expects a quick solution, but the tone of the talks on {topic} has changed.",
        "Figures released by {org} show a rise of {num} per cent compared with last year.",
        "{person} recalled that a similar plan for {topic} failed in {place} a decade ago.",
        "For many workers in {place}, the outcome of the talks will decide their next year.",
        "The meeting with {org} ended without agreement, and a new round is planned for {month}.",
        "Local businesses say {topic} has been {adj} for them since the pandemic.",
        "{person} {verb} that the money will reach {place} within {num} weeks.",
        "The agreement on {topic} still needs the approval of parliament.",
        "Experts consulted by {org} describe the current model as {adj} and outdated.",
    ),
    "pt": (
        "{person} {verb} que o plano para {topic} será apresentado à entidade {org} antes de {month}.",
        "Segundo a entidade {org}, cerca de {num} famílias em {place} dependem diretamente das decisões sobre {topic}.",
        "O debate sobre {topic} tornou-se {adj} desde a primavera, quando os custos em {place} subiram {num} por cento.",
        "{role} {verb} que a decisão sobre {topic} não pode esperar até {month}.",
        "Os responsáveis em {place} reuniram-se {num} vezes este ano para discutir {topic}.",
        "Os críticos dizem que a proposta deixa demasiadas perguntas sobre {topic} sem resposta.",
        "{person}, que acompanha {topic} há anos, considerou a situação {adj}.",
        "Um relatório da entidade {org} estima que {topic} vai custar {num} milhões de euros em cinco anos.",
        "Em {place}, os moradores juntaram-se à porta da câmara para pedir respostas sobre {topic}.",
        "A oposição acusou o governo de tratar {topic} como um assunto secundário.",
        "{role} em {place} {verb} que os primeiros resultados devem ser conhecidos em {month}.",
        "Ninguém espera uma solução rápida, mas o tom das conversas sobre {topic} mudou.",
        "Os números divulgados pela entidade {org} mostram uma subida de {num} por cento face ao ano passado.",
        "{person} lembrou que um plano semelhante para {topic} falhou em {place} há uma década.",
        "Para muitos trabalhadores em {place}, o resultado das negociações vai decidir o próximo ano.",
        "A reunião com a entidade {org} terminou sem acordo e uma nova ronda está marcada para {month}.",
        "Os comerciantes locais dizem que {topic} tem sido {adj} para eles desde a pandemia.",
        "{person} {verb} que o dinheiro chegará a {place} dentro de {num} semanas.",
        "O acordo sobre {topic} ainda precisa da aprovação do parlamento.",
        "Os especialistas consultados pela entidade {org} descrevem o modelo atual como {adj} e ultrapassado.",
    ),
}  # fmt: skip

SOURCES = {
    "en": ("The Harbour Times", "Northern Ledger", "Daily Courier", "Coastal Post",
           "The Valley Herald", "Metro Report"),
    "pt": ("Jornal do Litoral", "Diário da Serra", "Correio do Vale", "Notícias do Porto",
           "Gazeta da Planície", "Folha do Sul"),
}  # fmt: skip
AGENCIES = ("", "", "", "Lusa", "Reuters", "AFP")
SECTIONS = {
    "en": ("Politics", "Economy", "Society", "World", "Local", "Culture"),
    "pt": ("Política", "Economia", "Sociedade", "Mundo", "Local", "Cultura"),
}  # fmt: skip

NOTE_BODIES = (
    "The figure was checked against the public register published by {org}.",
    "This passage is discussed in a later report from {place}; see the related articles.",
    "Earlier coverage in this archive gives a different number for the same period.",
    "The quote was confirmed with the press office the day after publication.",
)

BOILERPLATE_TOP = {
    "en": ("Menu", "Home", "Weather", "{temp}º", "MIN {low}º MAX {temp}º",
           "We use cookies to improve your experience. By continuing you agree to our cookie policy."),
    "pt": ("Menu", "Meteorologia", "Tempo", "{temp}º", "MIN {low}º MÁX {temp}º",
           "Utilizamos cookies para melhorar a sua experiência. Ao continuar a navegar, concorda com a nossa política de cookies."),
}  # fmt: skip
BOILERPLATE_BOTTOM = {
    "en": ("Read Also: {teaser}", "Join our Telegram channel for the latest news",
           "Recommended for you", "Follow us on Twitter and Instagram",
           "Sign up for our daily newsletter and get the news in your inbox"),
    "pt": ("Leia também: {teaser}", "Junte-se a nós no Telegram e receba as últimas notícias",
           "Recomendados para si", "Siga-nos no Instagram",
           "Assine a nossa newsletter e receba as notícias no seu e-mail"),
}  # fmt: skip
