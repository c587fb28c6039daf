package extract

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// The quote tables. Everything that is language or house style lives here
// as data; quotes.go and speakers.go only read the compiled quoteRules.
// Adding a language is adding words to these lists (or Rules.CueVerbs,
// Rules.SpeakerTitles, Rules.OrganisationWords at run time).

// quoteMark is one pair of quotation marks. closers lists every rune that
// may close a span opened by open.
type quoteMark struct {
	open    rune
	closers string
	// apostrophe: a closer that also serves as an apostrophe (’), so it
	// closes only when no letter follows, and an unclosed span is dropped.
	apostrophe bool
	// straight: the same rune opens and closes ("), so it opens only after
	// a space or an opening bracket and closes only before a non-letter.
	straight bool
}

var quoteMarks = []quoteMark{
	// sloppy pages mix straight and curly marks: “…" and "…”
	{open: '“', closers: `”"`},
	{open: '"', closers: `"”`, straight: true},
	{open: '‘', closers: "’", apostrophe: true},
	{open: '«', closers: "»"},
	{open: '„', closers: "“”"},
	{open: '‚', closers: "‘’", apostrophe: true},
	{open: '‹', closers: "›", apostrophe: true},
	{open: '「', closers: "」"},
	{open: '『', closers: "』"},
}

// cueVerbs are reporting verbs and phrases, lower case, one phrase per
// entry. Verbs that are more often nouns ("states", "remarks",
// "comments") are left out. A cue ties a quoted span to the subject before it ("Lavrov said")
// or after it ("said the ministry").
var cueVerbs = []string{
	// English
	"said", "says", "say", "saying", "told", "tells", "tell", "noted", "notes",
	"highlighted", "highlights", "added", "adds", "stressed", "stresses",
	"wrote", "writes", "asked", "asks", "explained", "explains",
	"emphasised", "emphasized", "emphasises", "emphasizes", "stated",
	"declared", "declares", "insisted", "insists", "warned", "warns",
	"argued", "argues", "claimed", "claims", "replied", "replies",
	"responded", "responds", "continued", "continues", "concluded",
	"announced", "announces", "mentioned", "mentions", "remarked",
	"concludes", "reads", "states", "began", "begins",
	"observed", "commented", "acknowledged", "acknowledges",
	"admitted", "admits", "recalled", "recalls", "testified", "testifies", "asserted", "asserts", "fumed", "assures", "assured", "slammed", "assailed", "denounced", "condemned", "blasted", "hailed", "tweeted", "posted",
	"suggested", "suggests", "urged", "urges", "pointed out", "points out",
	"underlined", "underscored", "reiterated", "reiterates", "affirmed",
	"confirmed", "confirms", "described", "describes", "described as",
	"called", "calls", "dubbed", "expressed", "expresses", "shouted",
	"chanted", "cried", "joked", "quipped", "boasted", "complained",
	"predicted", "promised", "vowed", "pledged", "conceded", "agreed",
	"maintained", "maintains", "contended", "observes", "cautioned",
	"according to", "quoted as saying", "that read", "which read",
	"was quoted as saying", "saying", "adding", "noting", "writing", "warning",
	"stressing", "explaining", "insisting", "arguing", "claiming", "telling",
	// German
	"sagte", "sagt", "sagten", "erklärte", "erklärt", "betonte", "betont",
	"meinte", "meint", "schrieb", "schreibt", "warnte", "warnt", "kritisierte",
	"fügte hinzu", "ergänzte", "laut", "zufolge", "so",
	// French
	"a déclaré", "a dit", "selon", "a affirmé", "a expliqué", "a ajouté",
	"a souligné", "a estimé", "a indiqué", "déclare", "explique", "affirme",
	"estime", "souligne", "ajoute", "déclaré", "expliqué", "ajouté", "affirmé",
	"souligné", "indiqué", "estimé", "raconte", "précise", "indique", "confie",
	"rappelle", "assure", "poursuit", "note", "insiste", "commente", "reconnaît",
	"résume", "observe", "détaille", "a raconté", "a précisé", "a confié",
	"a assuré", "a rappelé", "a expliqué", "a poursuivi",
	// Russian
	"сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "отметил",
	"отметила", "добавил", "добавила", "подчеркнул", "подчеркнула", "сообщил",
	"сообщила", "рассказал", "рассказала", "пояснил", "пояснила", "говорит",
	"считает", "по словам",
	// Spanish
	"dijo", "afirmó", "según", "explicó", "aseguró", "señaló", "añadió",
	"declaró", "indicó", "sostuvo", "manifestó", "subrayó", "advirtió",
	"dice", "afirma", "asegura", "explica",
}

// speakerAfterCues name the speaker after themselves, never before:
// "according to X", "selon X", "laut X"; "X zufolge" is the mirror image
// and names the speaker before.
var speakerAfterCues = []string{"according to", "selon", "según", "laut", "so", "по словам"}

// afterOnlyCues are cues that count only right after a quote, where they
// cannot be mistaken for an ordinary word ("„…“, so Merkel").
var afterOnlyCues = []string{"so", "laut"}

// afterQuoteCues count only after a quote, where a document speaks
// (“…,” the report states / the email began): before one they are too
// often something else ("the United States", "the day began").
var afterQuoteCues = []string{"states", "began", "begins"}

// participleCues follow a comma and take the subject of the sentence:
// "Trump posted on social media, saying “…”".
var participleCues = []string{"saying", "adding", "noting", "writing", "warning", "stressing", "explaining", "insisting", "arguing", "claiming", "telling"}

// objectCues take the hearer after them, never the speaker: “…,”
// told the court.
var objectCues = []string{"told", "tells", "tell", "telling"}

// namingCues introduce a label rather than words spoken; the span is a
// quote only when a named speaker does the naming ("what Lavrov called").
var namingCues = []string{"called", "calls", "dubbed", "described", "describes", "described as"}

// speakerTitles are titles and offices that stand before a name; they are
// stripped from the name and remembered for "the minister said".
var speakerTitles = []string{
	"foreign minister", "prime minister", "defence minister", "defense minister",
	"interior minister", "finance minister", "minister", "deputy minister",
	"secretary general", "secretary-general", "general secretary", "secretary",
	"secretary of state", "defense secretary", "defence secretary",
	"president", "president-elect", "vice president", "vice-president", "chancellor", "premier",
	"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "lord", "lady",
	"senator", "sen", "rep", "representative", "congressman", "congresswoman",
	"governor", "gov", "mayor", "judge", "justice", "chief justice",
	"ambassador", "envoy", "special envoy", "spokesperson", "spokesman", "spokeswoman",
	"chairman", "chairwoman", "chair", "chairperson", "director", "director general",
	"director-general", "chief executive", "ceo", "cfo", "founder",
	"general", "gen", "colonel", "col", "lieutenant", "lt", "major", "captain", "capt",
	"admiral", "commander", "sergeant", "sgt",
	"king", "queen", "prince", "princess", "pope", "cardinal", "bishop", "rabbi", "imam",
	"coach", "manager", "mp", "mep", "deputy", "speaker", "commissioner", "constable",
	"councillor", "councilor", "councilman", "councilwoman", "alderman", "trustee",
	"superintendent", "chief inspector", "sheriff", "principal", "headteacher",
	"chief constable", "gm", "general manager", "consultant", "adviser", "advisor", "strategist", "pollster", "officer", "analyst", "economist", "researcher", "scientist",
	"lawyer", "attorney", "historian", "journalist", "correspondent", "editor",
	"author", "writer", "activist", "campaigner", "spokesperson", "doctor",
	"attorney general", "prosecutor", "inspector", "detective",
	"minister of foreign affairs", "foreign secretary", "home secretary",
	// German, French, Spanish
	"bundeskanzler", "bundeskanzlerin", "kanzler", "kanzlerin", "ministerin",
	"außenminister", "außenministerin", "präsident", "präsidentin", "sprecher", "sprecherin",
	"ministre", "président", "présidente", "porte-parole", "ministro", "ministra",
	"presidente", "portavoz", "frau", "herr", "trainer", "trainerin",
	"directrice", "directeur", "maire", "adjoint", "adjointe", "préfet", "préfète",
	"député", "députée", "sénateur", "sénatrice", "docteur", "chercheur",
	"chercheuse", "avocat", "avocate", "alcalde", "alcaldesa", "director", "directora",
}

// titleSuffixes end compound titles, written as one word in German:
// "Klimaforscher", "Vertriebsleiter", "Synodalpräsidentin".
var titleSuffixes = []string{
	"präsident", "präsidentin", "bischof", "bischöfin", "vertreter", "vertreterin",
	"leiter", "leiterin", "forscher", "forscherin", "minister", "ministerin",
	"sprecher", "sprecherin", "experte", "expertin", "trainer", "trainerin",
	"chef", "chefin", "direktor", "direktorin", "mediziner", "medizinerin",
	"geschäftsführer", "geschäftsführerin", "wissenschaftler", "wissenschaftlerin",
	"kanzler", "kanzlerin", "beauftragte", "beauftragter", "vorsitzende",
	"vorsitzender", "ökonom", "ökonomin", "politiker", "politikerin", "loge", "login",
	"anwalt", "anwältin", "sekretär", "sekretärin", "bürgermeister", "bürgermeisterin",
	"experten", "diplomat", "diplomatin", "botschafter", "botschafterin",
	"arzt", "ärztin", "berater", "beraterin", "führer", "führerin", "autor", "autorin",
}

// surnameTitles are titles that are also surnames: at the end of a name
// they are the surname ("Tessa Bishop", "John Major"), not a title.
var surnameTitles = []string{"bishop", "king", "major", "judge", "marshal", "dean", "cardinal", "speaker", "chancellor", "sheriff", "prince", "chair"}

// appositiveHeads start a description of a person after a comma:
// "Tessa Bishop, Head of Sales", "Jane Roe, mother of two".
var appositiveHeads = []string{
	"head", "chief", "member", "owner", "partner", "leader", "founder",
	"co-founder", "mother", "father", "wife", "husband", "son", "daughter",
	"sister", "brother", "friend", "aged", "herself", "himself", "whose",
}

// titleAliases are abbreviated titles and the title they stand for, so
// that "the governor" finds "Gov. Eric Holcomb".
var titleAliases = map[string]string{
	"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
	"prof": "professor", "lt": "lieutenant", "col": "colonel", "capt": "captain",
	"sgt": "sergeant", "secretary-general": "secretary general",
	"director-general": "director general", "vice-president": "vice president",
}

// postnominals follow a name in an embed's byline: "Chris Delaney MP".
var postnominals = []string{"mp", "mep", "msp", "qc", "kc", "obe", "mbe", "cbe", "phd", "md", "jr", "sr", "esq"}

// maleTitles and femaleTitles give a mention a grammatical gender, so that
// "she" does not resolve to "Mr Smith".
var (
	maleTitles   = []string{"mr", "sir", "lord", "king", "prince", "herr", "spokesman", "chairman", "congressman"}
	femaleTitles = []string{"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "frau", "spokeswoman", "chairwoman", "congresswoman", "bundeskanzlerin", "kanzlerin", "ministerin", "präsidentin", "sprecherin", "présidente", "ministra"}
)

// organisationWords mark a capitalised name as an organisation, and a
// lower-case description ("the ministry") as pointing to one.
var organisationWords = []string{
	"ministry", "organization", "organisation", "council", "party", "government",
	"police", "court", "bank", "agency", "university", "commission", "committee",
	"department", "office", "union", "association", "federation", "institute",
	"foundation", "company", "corporation", "corp", "inc", "ltd", "group",
	"parliament", "assembly", "congress", "senate", "army", "navy", "force",
	"forces", "service", "authority", "board", "bureau", "administration",
	"embassy", "kremlin", "pentagon", "cabinet", "league", "alliance", "fund",
	"nations", "network", "school", "college", "hospital", "club", "team",
	"times", "post", "news", "journal", "herald", "tribune", "telegraph",
	"gazette", "mail", "express", "chronicle", "radio", "television",
	"broadcasting", "press", "institution", "society", "trust", "charity",
	"labour", "tories", "democrats", "republicans", "conservatives",
	"ministerium", "regierung", "partei", "polizei", "gericht", "ministère",
	"gouvernement", "ministerio", "gobierno", "partido", "policía",
	"agentur", "verband", "gewerkschaft", "amt", "behörde", "universität",
	"institut", "stiftung", "konzern", "gruppe", "rat", "kommission",
	"bundestag", "senat", "verbraucherzentrale", "staatsanwaltschaft",
	"université", "entreprise", "syndicat", "empresa", "universidad",
	"tribunal", "juzgado", "fiscalía", "ayuntamiento", "consejo", "congreso",
	"senado", "comisión", "agencia", "asociación", "fundación", "plataforma",
	"sindicato", "cour", "mairie", "conseil", "assemblée", "agence",
	"fondation", "gemeinde", "stadt", "spital", "klinik",
}

// Pronouns by what they can stand for.
var (
	personPronouns = []string{"he", "she", "il", "elle", "er", "él", "ella"}
	thingPronouns  = []string{"it", "they", "es", "ils", "elles", "ellos", "ellas", "sie"}
	// selfPronouns speak for the writer or a group the article does not
	// name: the speaker stays empty.
	selfPronouns = []string{"i", "we", "you", "ich", "wir", "je", "nous", "yo", "nosotros"}
)

// documentWords are things that "say": "the statement mentioned" speaks for
// whoever issued the statement.
var documentWords = []string{
	"statement", "report", "letter", "communique", "communiqué", "declaration",
	"document", "release", "post", "tweet", "memo", "resolution", "filing",
	"ruling", "notice", "message", "note", "erklärung", "mitteilung",
	"brochure", "leaflet", "guidance", "website", "page", "account", "profile",
	"blog", "study", "survey", "paper", "judgment", "opinion", "indictment",
	"complaint", "lawsuit", "documents", "reports", "statements",
	"communiqué", "déclaration", "comunicado", "declaración",
}

// anonymousNouns are heads of descriptions that name nobody ("a source",
// "officials"): the quote is attributed but the speaker stays empty.
var anonymousNouns = []string{
	"source", "sources", "official", "officials", "critic", "critics",
	"analyst", "analysts", "witness", "witnesses", "resident", "residents",
	"expert", "experts", "observer", "observers", "insider", "insiders",
	"diplomat", "diplomats", "person", "people", "someone", "one", "others",
	"protester", "protesters", "activist", "activists", "supporters",
	"opponents", "aide", "aides", "employee", "employees", "man", "woman",
	"user", "users", "fans", "voters", "many", "some", "reporter", "reporters",
	"others", "locals", "neighbours", "neighbors", "commentators", "onlookers",
	"plaintiff", "plaintiffs", "defendant", "defendants", "prosecutors",
	"prosecution", "lawyers", "attorneys",
	"quelle", "quellen", "source", "fuente", "fuentes",
}

// pollWords make a subject a share of respondents: `51 percent say
// "…"` reports a poll option, not words spoken.
var pollWords = []string{"percent", "per-cent", "majority", "minority", "plurality", "respondents", "prozent", "pourcent", "por-ciento"}

// determiners are dropped from the front of a speaker description.
var determiners = []string{
	"the", "a", "an", "another", "one", "der", "die", "das", "dem", "den", "des",
	"ein", "eine", "einem", "einer", "le", "la", "les",
	"l", "un", "une", "el", "los", "las", "uno", "una", "its", "their",
}

// nounDeterminers are articles of languages that capitalise every noun:
// after them one capitalised word is a description ("die Mutter"), not a
// name as after "the" ("the Kremlin").
var nounDeterminers = []string{"der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einer", "eines"}

// indefinites mark a description as naming nobody in particular.
var indefinites = []string{"a", "an", "another", "one", "ein", "eine", "un", "une", "uno", "una"}

// termCues stand right before a span that is a label, not words spoken:
// scare quotes, terms, nicknames, titles.
var termCues = []string{
	"so-called", "so called", "dubbed", "nicknamed", "titled", "entitled",
	"headlined", "known as", "the word", "the words", "the term", "the phrase",
	"the label", "labelled", "labeled", "branded", "the hashtag", "hashtag",
	"the slogan", "the motto", "the name", "named", "marked", "option",
	"options", "answered", "chose", "selected", "ticked", "sogenannte",
	"sogenannten", "genannt", "llamado", "llamada",
}

// workNouns stand before the title of a work: `his book "…"`.
var workNouns = []string{
	"book", "film", "movie", "song", "album", "novel", "show", "series",
	"documentary", "play", "poem", "essay", "column", "podcast", "episode",
	"exhibition", "programme", "program", "single", "track", "opera", "musical",
	"painting", "sculpture", "magazine", "newspaper", "game", "app", "brand",
	"buch", "film", "roman", "livre", "libro", "película", "canción",
}

// clauseWords end a speaker description when walking back from a cue:
// they start a new clause ("…, which said").
var clauseWords = []string{
	"that", "which", "who", "whom", "whose", "and", "but", "or", "while",
	"when", "where", "as", "because", "if", "after", "before", "since",
	"although", "though", "than", "what", "how", "why", "whether", "to",
	"dass", "und", "aber", "que", "qui", "et", "mais", "y", "pero",
}

// softWords stand between a speaker and the cue without being part of the
// speaker: "Lavrov also said", "the ministry has said".
var softWords = []string{
	"also", "later", "further", "then", "again", "previously", "recently",
	"reportedly", "publicly", "earlier", "once", "repeatedly", "separately",
	"has", "had", "have", "was", "is", "were", "are", "had", "would", "will",
	"also", "furthermore", "moreover", "herself", "himself", "themselves",
	"itself", "simply", "only", "just", "firmly", "clearly", "bluntly",
	"hat", "habe", "haben", "ont", "ha", "han", "weiter", "zudem",
	"außerdem", "auch", "noch", "dazu", "später", "además", "también",
}

// nonNames are capitalised words that never start or continue a name:
// sentence-initial function words, days and months.
var nonNames = []string{
	"the", "a", "an", "in", "on", "at", "but", "and", "or", "for", "if",
	"zwei", "drei", "vier", "fünf", "nach", "auch", "doch", "dann", "als",
	"wenn", "wie", "was", "wer", "sie", "er", "es", "wir", "ich", "man",
	"desde", "para", "por", "según", "con", "sin", "sobre", "entre", "hasta",
	"pero", "como", "cuando", "donde", "también", "además", "así", "aunque",
	"selon", "pour", "avec", "dans", "depuis", "mais", "comme", "quand",
	"aussi", "ainsi", "après", "avant", "lors",
	"when", "while", "as", "after", "before", "this", "that", "these",
	"those", "it", "he", "she", "they", "we", "i", "his", "her", "their",
	"our", "its", "there", "here", "what", "who", "why", "how", "meanwhile",
	"however", "also", "then", "last", "next", "earlier", "later", "since",
	"with", "without", "by", "from", "to", "of", "under", "over",
	"according", "despite", "during", "although", "some", "many", "most",
	"all", "both", "each", "speaking", "asked", "so", "yet", "now", "today",
	"though", "because", "whereas", "unless", "until", "another", "other",
	"several", "every", "no", "one", "following", "like", "unlike", "among",
	"amid", "once", "instead", "indeed", "still", "even", "just", "only",
	"perhaps", "maybe", "yes", "well", "look", "not", "my", "your", "thanks",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "january", "february", "april", "june", "july", "august",
	"september", "october", "november", "december",
	"der", "die", "das", "le", "la", "les", "el", "los", "las", "un", "une",
	"ein", "eine", "im", "am", "en", "et", "und",
}

// prepositions end the head of a speaker description: "the former
// editor of the Standard" is an editor, "analysts at BCG" are analysts.
var prepositions = []string{
	"of", "from", "at", "for", "with", "under", "in", "on", "by", "about",
	"over", "into", "after", "during", "to", "near", "behind", "inside",
	"von", "bei", "aus", "de", "du", "des", "del", "vom", "zum", "zur", "im",
	"am", "beim", "mit", "nach", "für", "über", "auf", "zu", "gegenüber",
	"dans", "sur", "avec", "pour", "chez", "en", "con", "para", "según",
}

// nameConnectors may stand inside a capitalised name when a capitalised
// word follows: "Ministry of Foreign Affairs", "Ursula von der Leyen".
// "der" and "den" join only after "von" or "van" ("Ursula von der Leyen"):
// alone they are German articles ("Bönte der Deutschen Presse-Agentur").
var nameConnectors = []string{"of", "for", "de", "von", "van", "del", "da", "du", "al", "bin", "la", "le", "y", "and"}

// innerConnectors may follow a connector inside a name.
var innerConnectors = []string{"der", "den", "la", "de", "los"}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = []string{
	"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
	"st", "jr", "sr", "no", "vs", "inc", "co", "corp", "ltd", "capt", "sgt",
	"u.s", "u.k", "u.n", "e.g", "i.e", "jan", "feb", "mar", "apr", "aug",
	"sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "fig",
}

// Chinese and Japanese write no spaces between words, so their
// attributions are matched on characters: 王女士说：“…” and
// 山田健一さんは「…」と話した。
var (
	// cjkCues stand right before the quote (…说：“) or after it (”，…说。).
	cjkCues = []string{"告诉记者", "表示", "指出", "介绍", "坦言", "透露", "强调", "认为", "称", "说", "道"}
	// jaCues follow the quote after と: 「…」と話した.
	jaCues = []string{"話した", "述べた", "語った", "説明した", "強調した", "明かした", "話す", "語る", "述べる", "言う", "言った", "コメントした", "訴えた", "答えた"}
	// jaHonorifics follow a Japanese name: 山田健一さん.
	jaHonorifics = []string{"さん", "氏", "様", "くん", "ちゃん", "先生"}
	// cjkPronouns name nobody by themselves.
	cjkPronouns = []string{"他", "她", "他们", "她们", "彼", "彼女"}
)

// quoteRules are the compiled tables, shared read-only by all passes.
type quoteRules struct {
	marks map[rune]quoteMark

	// phrase tables: first word → phrases (as word slices), longest first
	cues                                       phraseSet
	titles                                     phraseSet
	termCues                                   phraseSet
	afterCue                                   map[string]bool // joined phrase → speaker stands after it
	afterOnlyCue                               map[string]bool
	namingCue                                  map[string]bool
	objectCue                                  map[string]bool
	afterQuoteCue                              map[string]bool
	participle                                 map[string]bool
	prepositions                               map[string]bool
	innerConnectors                            map[string]bool
	titleSuffix                                []string
	cjkCues, jaCues, jaHonorifics, cjkPronouns []string
	postnominals                               map[string]bool
	appositiveHeads                            map[string]bool
	surnameTitles                              map[string]bool
	pollWords                                  map[string]bool
	titleAliases                               map[string]string

	orgWords        map[string]bool
	personPronouns  map[string]bool
	thingPronouns   map[string]bool
	selfPronouns    map[string]bool
	documentWords   map[string]bool
	anonymous       map[string]bool
	determiners     map[string]bool
	indefinites     map[string]bool
	nounDeterminers map[string]bool
	workNouns       map[string]bool
	clauseWords     map[string]bool
	softWords       map[string]bool
	nonNames        map[string]bool
	connectors      map[string]bool
	abbreviations   map[string]bool
	male, female    map[string]bool
	maleFirst       map[string]bool
	maleNouns       map[string]bool
	femaleNouns     map[string]bool
	femaleFirst     map[string]bool
}

// phraseSet finds multi-word phrases in a run of lower-case words.
type phraseSet map[string][][]string

// match returns the length in words of the longest phrase starting at
// words[i], or 0.
func (ps phraseSet) match(words []string, i int) int {
	for _, p := range ps[words[i]] {
		if i+len(p) <= len(words) && equalWords(words[i:i+len(p)], p) {
			return len(p)
		}
	}
	return 0
}

// has reports whether w alone is a phrase of the set.
func (ps phraseSet) has(w string) bool { return ps.match([]string{w}, 0) == 1 }

// matchEnding returns the length of the longest phrase ending at words[i].
func (ps phraseSet) matchEnding(words []string, i int) int {
	best := 0
	for start := i; start >= 0 && i-start < 4; start-- {
		if n := ps.match(words[:i+1], start); n == i-start+1 && n > best {
			best = n
		}
	}
	return best
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var errQuoteRule = errors.New("bad entry")

func compileQuoteRules(r Rules) (*quoteRules, error) {
	q := &quoteRules{marks: map[rune]quoteMark{}}
	for _, m := range quoteMarks {
		q.marks[m.open] = m
	}
	var err error
	if q.cues, err = compilePhrases("cue verb", cueVerbs, r.CueVerbs); err != nil {
		return nil, err
	}
	if q.titles, err = compilePhrases("speaker title", speakerTitles, r.SpeakerTitles); err != nil {
		return nil, err
	}
	if q.termCues, err = compilePhrases("term cue", termCues, nil); err != nil {
		return nil, err
	}
	orgs, err := compileWords("organisation word", organisationWords, r.OrganisationWords)
	if err != nil {
		return nil, err
	}
	q.orgWords = orgs
	q.titleAliases = titleAliases
	q.titleSuffix = titleSuffixes
	q.cjkCues, q.jaCues, q.jaHonorifics, q.cjkPronouns = cjkCues, jaCues, jaHonorifics, cjkPronouns
	for _, t := range []struct {
		dst  *map[string]bool
		name string
		list []string
	}{
		{&q.afterCue, "cue", speakerAfterCues},
		{&q.afterOnlyCue, "cue", afterOnlyCues},
		{&q.namingCue, "cue", namingCues},
		{&q.objectCue, "cue", objectCues},
		{&q.afterQuoteCue, "cue", afterQuoteCues},
		{&q.participle, "cue", participleCues},
		{&q.prepositions, "preposition", prepositions},
		{&q.postnominals, "post-nominal", postnominals},
		{&q.appositiveHeads, "appositive head", appositiveHeads},
		{&q.surnameTitles, "title", surnameTitles},
		{&q.pollWords, "poll word", pollWords},
		{&q.personPronouns, "pronoun", personPronouns},
		{&q.thingPronouns, "pronoun", thingPronouns},
		{&q.selfPronouns, "pronoun", selfPronouns},
		{&q.documentWords, "document word", documentWords},
		{&q.anonymous, "anonymous noun", anonymousNouns},
		{&q.determiners, "determiner", determiners},
		{&q.indefinites, "determiner", indefinites},
		{&q.nounDeterminers, "determiner", nounDeterminers},
		{&q.workNouns, "work noun", workNouns},
		{&q.clauseWords, "clause word", clauseWords},
		{&q.softWords, "soft word", softWords},
		{&q.nonNames, "non-name", nonNames},
		{&q.connectors, "connector", nameConnectors},
		{&q.innerConnectors, "connector", innerConnectors},
		{&q.abbreviations, "abbreviation", abbreviations},
		{&q.male, "title", maleTitles},
		{&q.female, "title", femaleTitles},
		{&q.maleFirst, "first name", maleFirstNames},
		{&q.maleNouns, "noun", maleNouns},
		{&q.femaleNouns, "noun", femaleNouns},
		{&q.femaleFirst, "first name", femaleFirstNames},
	} {
		m := make(map[string]bool, len(t.list))
		for _, w := range t.list {
			if err := checkEntry(t.name, w); err != nil {
				return nil, err
			}
			m[strings.Join(strings.Fields(strings.ToLower(w)), " ")] = true
		}
		*t.dst = m
	}
	return q, nil
}

// compilePhrases lower-cases and splits each phrase into words and indexes
// the phrases by their first word, longest first.
func compilePhrases(name string, lists ...[]string) (phraseSet, error) {
	ps := phraseSet{}
	seen := map[string]bool{}
	for _, list := range lists {
		for _, s := range list {
			if err := checkEntry(name, s); err != nil {
				return nil, err
			}
			words := strings.Fields(strings.ToLower(s))
			key := strings.Join(words, " ")
			if seen[key] {
				continue
			}
			seen[key] = true
			ps[words[0]] = append(ps[words[0]], words)
		}
	}
	for _, v := range ps {
		sort.SliceStable(v, func(i, j int) bool { return len(v[i]) > len(v[j]) })
	}
	return ps, nil
}

func compileWords(name string, lists ...[]string) (map[string]bool, error) {
	m := map[string]bool{}
	for _, list := range lists {
		for _, s := range list {
			if err := checkEntry(name, s); err != nil {
				return nil, err
			}
			for _, w := range strings.Fields(strings.ToLower(s)) {
				m[w] = true
			}
		}
	}
	return m, nil
}

// checkEntry rejects an empty entry and one with characters that can never
// match a word: entries are words of letters, with inner hyphens,
// apostrophes and dots.
func checkEntry(name, s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("%s %q: empty: %w", name, s, errQuoteRule)
	}
	for _, w := range strings.Fields(s) {
		for i, r := range w {
			switch {
			case unicode.IsLetter(r) || unicode.IsMark(r):
			case (r == '-' || r == '\'' || r == '’' || r == '.') && i > 0:
			default:
				return fmt.Errorf("%s %q: character %q: %w", name, s, r, errQuoteRule)
			}
		}
	}
	return nil
}

// maleFirstNames and femaleFirstNames are common given names that say a
// person's gender, so that "she said" does not resolve to "Daniel
// Rothman". Names used for both (Jordan, Alex, Sam) are left out: an
// unknown gender blocks nothing.
var (
	maleFirstNames = []string{
		"aaron", "adam", "adrian", "ahmed", "alan", "albert", "alexander", "alfred", "ali", "andrew",
		"andy", "anthony", "antonio", "arthur", "barack", "barry", "ben", "benjamin", "bernard", "bill",
		"bob", "boris", "brad", "brandon", "brian", "bruce", "bryan", "carl", "carlos", "charles",
		"charlie", "chris", "christopher", "colin", "craig", "dan", "daniel", "darren", "dave", "david",
		"dennis", "derek", "dmitry", "dominic", "donald", "doug", "douglas", "duncan", "dylan", "ed",
		"eddie", "edward", "elon", "emmanuel", "eric", "ethan", "frank", "fred", "gary", "gavin",
		"geoffrey", "george", "gerald", "gordon", "graham", "greg", "gregory", "harold", "harry", "henry",
		"howard", "hugh", "ian", "isaac", "ivan", "jack", "jacob", "jake", "james", "jason", "jeff",
		"jeffrey", "jeremy", "jerry", "jim", "jimmy", "joe", "joel", "john", "johnny", "jon",
		"jonathan", "joseph", "josh", "joshua", "juan", "justin", "keith", "ken", "kenneth", "kevin",
		"kurt", "larry", "leo", "liam", "louis", "luke", "malcolm", "marco", "mark", "martin",
		"matt", "matthew", "max", "michael", "miguel", "mike", "mohammed", "muhammad", "nathan", "neil",
		"nicholas", "nick", "nigel", "noah", "oliver", "oscar", "owen", "patrick", "paul", "pedro",
		"peter", "philip", "phillip", "ralph", "raymond", "richard", "rick", "rob", "robert", "roger",
		"ron", "ronald", "ross", "roy", "russell", "ryan", "samuel", "scott", "sean", "sergei",
		"sergey", "simon", "stanley", "stephen", "steve", "steven", "stuart", "ted", "thomas", "tim",
		"timothy", "todd", "tom", "tommy", "tony", "travis", "trevor", "victor", "vladimir", "walter",
		"wayne", "william", "willie", "zach", "zachary",
	}
	femaleFirstNames = []string{
		"abby", "abigail", "alice", "alison", "alyssa", "amanda", "amber", "amy", "andrea", "angela",
		"ann", "anna", "anne", "barbara", "betty", "beverly", "brenda", "carol", "caroline", "catherine",
		"charlotte", "cheryl", "christine", "claire", "cynthia", "deborah", "debra", "denise", "diana", "diane",
		"donna", "doris", "dorothy", "elena", "elinor", "elizabeth", "ellen", "emily", "emma", "evelyn",
		"fiona", "frances", "gloria", "grace", "hannah", "heather", "helen", "hillary", "irene", "jacqueline",
		"jane", "janet", "janice", "jennifer", "jessica", "jill", "joan", "joanna", "judith", "judy",
		"julia", "julie", "karen", "kate", "katherine", "kathleen", "kathryn", "kathy", "katie", "kelly",
		"kimberly", "laura", "lauren", "linda", "lisa", "lori", "louise", "lucy", "margaret",
		"maria", "marie", "marilyn", "martha", "mary", "megan", "melania", "melissa", "michelle", "nancy",
		"natalie", "nicole", "olivia", "pamela", "patricia", "rachel", "rebecca", "ruth", "sally", "samantha",
		"sandra", "sara", "sarah", "sharon", "shirley", "sophie", "stephanie", "susan", "teresa", "theresa",
		"tina", "ursula", "victoria", "virginia", "wendy",
	}
)

// maleNouns and femaleNouns describe a person of one gender: "the
// actress said" is a woman, so not the man who spoke before.
var (
	maleNouns   = []string{"actor", "father", "husband", "man", "boy", "son", "brother", "grandfather", "businessman", "patriarch", "dad", "uncle", "nephew", "widower", "sportsman", "king", "prince", "duke"}
	femaleNouns = []string{"actress", "mother", "wife", "woman", "girl", "daughter", "sister", "grandmother", "businesswoman", "matriarch", "mum", "mom", "aunt", "niece", "widow", "sportswoman", "queen", "princess", "duchess", "waitress", "heiress"}
)
