"""The demo newspaper: sections, authors, articles and comments, all of them invented.

Brackenford is a fictional market town on the (equally fictional) River Ollery, in the
Ambervale district; Fallowmere, Stennet Cross, Port Aldery and Hobb’s Moor are its neighbours.
Every name, quote and event here is made up for the demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Picture:
    """An illustration to draw (see images.py)."""

    label: str
    title: str
    palette: str = "dawn"
    motif: str = "hills"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    description: str


@dataclass(frozen=True)
class Writer:
    key: str
    name: str
    bio: str
    website: str
    email: str


@dataclass(frozen=True)
class Note:
    """A correction or update an editor added to a story, some hours after it came out."""

    kind: str  # "correction" or "update"
    hours_after: float
    text: str
    position: str = "top"  # or "bottom"


@dataclass
class Story:
    key: str
    section: str | None  # None: the default "Uncategorized" section
    title: str
    excerpt: str
    authors: list[str]
    tags: list[str]
    hours_ago: float  # publication time; for a scheduled story, hours ahead
    body: list
    picture: Picture | None = None
    further: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # editor-placed boxes, after paragraph 2
    state: str = "live"  # "live", "scheduled" or "draft"
    comments_open: bool = True
    notes: list[Note] = field(default_factory=list)


@dataclass
class Remark:
    """A reader comment, with its replies."""

    name: str
    text: str
    replies: list[Remark] = field(default_factory=list)
    status: str = "approved"
    url: str = ""


def p(html: str):
    return ("paragraph", f"<p>{html}</p>")


def h(text: str):
    return ("subheading", text)


def q(text: str, attribution: str = ""):
    return ("quote", {"text": text, "attribution": attribution})


def img(picture: Picture, caption: str, alt_text: str = ""):
    """An image block; the builder draws the picture and puts the Wagtail image in."""
    return ("image", {"picture": picture, "caption": caption, "alt_text": alt_text})


SECTIONS = [
    Section(
        "local",
        "Local",
        "Brackenford and the villages of the Ambervale: streets, services "
        "and the people who keep them going.",
    ),
    Section(
        "politics",
        "Politics",
        "The town council, the district council and the decisions that land on your doorstep.",
    ),
    Section("business", "Business", "Shops, workshops, farms and the local economy."),
    Section("science", "Science", "Rivers, moors, skies and the researchers who study them."),
    Section("culture", "Culture", "Music, theatre, museums and festivals around the Ambervale."),
    Section("sport", "Sport", "Football, running, rowing, cricket and every club in between."),
]

WRITERS = [
    Writer(
        "mara",
        "Mara Lindqvist",
        "Local affairs reporter. Has walked every footpath in the Ambervale at least once "
        "and some of them in the dark.",
        "https://mara-lindqvist.example/",
        "mara.lindqvist@courier.example",
    ),
    Writer(
        "tomasz",
        "Tomasz Wren",
        "Politics editor. Covers the Guildhall, the district council and anything with a "
        "consultation deadline.",
        "https://example.org/tomasz-wren",
        "tomasz.wren@courier.example",
    ),
    Writer(
        "adaeze",
        "Adaeze Okafor-Bell",
        "Business correspondent and former bookkeeper, so she reads the accounts first.",
        "https://adaeze-writes.example/",
        "adaeze.okafor-bell@courier.example",
    ),
    Writer(
        "heloise",
        "Héloïse Marchetti",
        "Science writer with a doctorate in freshwater ecology; still carries a sample jar "
        "in her coat pocket.",
        "https://marchetti-science.example/",
        "heloise.marchetti@courier.example",
    ),
    Writer(
        "callum",
        "Callum Fraine",
        "Sports reporter. Rovers season-ticket holder since the age of seven, which he "
        "declares before every match report.",
        "https://example.org/callum-fraine",
        "callum.fraine@courier.example",
    ),
    Writer(
        "priya",
        "Priya Castellane",
        "Arts and culture writer, occasional choir alto, permanent member of the back row.",
        "https://priya-castellane.example/",
        "priya.castellane@courier.example",
    ),
]

STORIES = [
    # ------------------------------------------------------------------ the last day and a half
    Story(
        key="rovers-late-winner",
        section="sport",
        title="Rovers snatch late winner against Port Aldery Athletic",
        excerpt="A header in the 89th minute from substitute Dele Marsh keeps Brackenford "
        "Rovers three points clear at the top.",
        authors=["callum"],
        tags=["Brackenford Rovers", "football", "Port Aldery"],
        hours_ago=2,
        picture=Picture(
            "Rovers 2 – 1 Athletic",
            "Illustration: a football pitch under floodlights",
            "pitch",
            "pitch",
        ),
        body=[
            p(
                "For 88 minutes it looked as if the estuary derby would end the way it so often "
                "does: in a grumpy draw and a long queue for the car park. Then Dele Marsh, on the "
                "pitch for barely ten minutes, met a looping cross from Ana Quill and sent a "
                "header into the far corner."
            ),
            p(
                "The 1,400 supporters packed into Tanner’s Lane erupted. Even the away end, which "
                "had spent the afternoon reminding the home fans of last season’s cup exit, went "
                "quiet for a moment before applauding the goal."
            ),
            h("A scrappy first half"),
            p(
                "Athletic had taken the lead on 23 minutes when a corner bounced twice in the "
                "six-yard box and nobody in a Rovers shirt seemed willing to claim it. Kit Harrow "
                "equalised just before the break with a low shot that the keeper saw late."
            ),
            q(
                "We didn’t play well, and I’ll say that to the players. But a team that wins when "
                "it plays badly is a team that can win the league.",
                "Rovers manager Sunniva Holt",
            ),
            p(
                "The result leaves Rovers three points clear with six games left. Their next "
                "match is away at Hobb’s Moor Wanderers, whose pitch, one supporter noted on the "
                "way out, “is mostly a hill”."
            ),
        ],
    ),
    Story(
        key="footbridge-reopens",
        section="local",
        title="Ollery footbridge reopens after eight months of repairs",
        excerpt="The Victorian footbridge between the market square and Mill Meadow is open "
        "again, with new handrails, a wider deck and a ramp at the meadow end.",
        authors=["mara"],
        tags=["River Ollery", "transport", "town centre"],
        hours_ago=5,
        picture=Picture(
            "Ollery footbridge",
            "Illustration: the footbridge over the River Ollery at dusk",
            "river",
            "river",
        ),
        related=["night-buses"],
        body=[
            p(
                "Pedestrians crossed the Ollery footbridge this morning for the first time since "
                "it was closed in a hurry, when engineers found that two of the iron brackets "
                "holding up the deck had rusted almost through."
            ),
            p(
                "The repair, paid for jointly by the town council and Ambervale District Council, "
                "came in at £412,000 — about £60,000 more than planned, mostly because the old "
                "brackets turned out to be a non-standard size that had to be cast specially."
            ),
            p(
                "The reopening brings to an end a detour of more than a kilometre for people "
                "walking from the Mill Meadow estate into town. Shopkeepers on Bridge Street say "
                "they have missed the passing trade."
            ),
            q(
                "Some of my regulars just stopped coming. It was too far round with a pushchair. "
                "I’ve already seen three of them this morning.",
                "Fen Oduya, Bridge Street Café",
            ),
            h("Wider, and with a ramp"),
            p(
                "The new deck is 30 centimetres wider than the old one, and the steps at the "
                "meadow end have been replaced with a gentle ramp. Cyclists are still asked to "
                "dismount."
            ),
            p(
                "A short ceremony is planned for Saturday at 11 o’clock, when pupils from Mill "
                "Meadow Primary will unveil a plaque they designed."
            ),
        ],
    ),
    Story(
        key="fallowmere-by-election",
        section="politics",
        title="Fallowmere by-election: three candidates, one issue — the lake",
        excerpt="Whoever wins the district seat will have to answer the question every doorstep "
        "is asking: who pays to clean up Fallowmere’s lake?",
        authors=["tomasz"],
        tags=["Fallowmere", "elections", "wildlife"],
        hours_ago=9,
        notes=[
            Note(
                "correction",
                3,
                "An earlier version of this article said Ruth Kemble is a nurse. She is a teacher.",
            ),
            Note(
                "update",
                5,
                "The date of the second hustings has been set: Thursday at 7pm.",
                "bottom",
            ),
        ],
        picture=Picture("Fallowmere votes", "Illustration: a lake between hills", "meadow", "sun"),
        body=[
            p(
                "Nominations have closed for the Fallowmere by-election, called after the "
                "resignation of long-serving councillor Barnaby Teague, and all three candidates "
                "agree on one thing: nothing else matters to voters as much as the lake."
            ),
            p(
                "Blooms of blue-green algae closed the water to swimmers and boats for most of "
                "last summer. Tests by the district council traced the problem to fertiliser "
                "washing off nearby fields and an overloaded sewage outfall upstream."
            ),
            h("The candidates"),
            p(
                "<b>Orla Menzies</b>, a retired vet standing for the Ambervale Independents, wants "
                "the council to buy a strip of land around the inflow and plant it as a reed bed. "
                "<b>Gideon Sayle</b>, a farmer, says farmers are being blamed unfairly and calls "
                "for the water company to fix its outfall first. <b>Ruth Kemble</b>, a teacher, "
                "proposes a lake trust funded by a small levy on holiday lets."
            ),
            q(
                "Everyone says they love the lake. I want to know who’s going to write the cheque.",
                "A Fallowmere resident at Tuesday’s hustings",
            ),
            p(
                "Polling day is in three weeks. A second hustings will be held in the village "
                "hall; questions can be sent in advance to the parish clerk."
            ),
        ],
    ),
    Story(
        key="otters-upper-ollery",
        section="science",
        title="Otters confirmed on the upper Ollery for the first time in 40 years",
        excerpt="Footage from a trail camera and droppings analysed at Ambervale University "
        "show that at least two otters are living above Stennet Weir.",
        authors=["heloise"],
        tags=["wildlife", "River Ollery", "Ambervale University"],
        hours_ago=15,
        picture=Picture(
            "Otters are back",
            "Illustration: the upper Ollery between wooded hills",
            "river",
            "river",
        ),
        related=["peat-restoration"],
        body=[
            p(
                "Otters have returned to the upper reaches of the River Ollery, researchers at "
                "Ambervale University’s field station confirmed this week, ending four decades in "
                "which the only sightings were unverified and, in at least one case, a "
                "particularly sleek mink."
            ),
            p(
                "The evidence came from two sources: a trail camera fixed to an alder root above "
                "Stennet Weir, which recorded an otter on eleven nights in a row, and droppings "
                "collected by volunteers whose DNA points to two different animals."
            ),
            img(
                Picture(
                    "Stennet Weir", "Illustration: water pouring over a weir", "river", "river"
                ),
                "Stennet Weir, above which the otters were recorded.",
                "A low stone weir with water flowing over it.",
            ),
            p(
                "“Otter spraint has a smell people describe as jasmine tea,” said Dr. Noor "
                "Abernethy, who leads the monitoring project. “Our volunteers have become "
                "remarkably good at recognising it.”"
            ),
            h("Cleaner water, more fish"),
            p(
                "The return follows years of work to reduce pollution from the old tannery site "
                "and to build fish passes at two weirs. Fish counts have roughly doubled since "
                "the passes opened, giving otters something to eat."
            ),
            p(
                "The university asks anyone who sees an otter to note the place and time but not "
                "to follow it, and dog walkers to keep dogs on leads along the bank above the "
                "weir."
            ),
        ],
    ),
    Story(
        key="flood-sirens-test",
        section="local",
        title="Flood sirens to be tested on Saturday morning",
        excerpt="The six sirens along the Ollery will sound twice between 10:00 and 10:15. "
        "Nobody needs to do anything.",
        authors=["mara"],
        tags=["flooding", "River Ollery"],
        hours_ago=22,
        body=[
            p(
                "Residents near the river are being told not to worry when the flood sirens "
                "sound on Saturday morning: it is the twice-yearly test."
            ),
            p(
                "The six sirens, from Stennet Cross down to the Port Aldery road, will each "
                "sound a rising tone twice between 10:00 and 10:15. A real warning would be a "
                "continuous tone lasting at least three minutes, followed by a text message to "
                "everyone signed up to the district’s alert service."
            ),
            p(
                "The district council says 4,200 households have registered for the alerts, "
                "roughly two-thirds of the properties in the flood zone. Registration takes a "
                "couple of minutes at the council’s offices or by phone."
            ),
            p(
                "Volunteers from the Ollery Flood Group will be at the market square from 9:30 "
                "with information about sandbags, flood boards and how to turn off the "
                "electricity at the mains."
            ),
        ],
    ),
    Story(
        key="bakery-second-shop",
        section="business",
        title="Tollgate Bakery opens second shop, in Port Aldery",
        excerpt="The bakery that started in a converted toll house will sell bread and its "
        "famous cardamom buns on Port Aldery’s harbour front.",
        authors=["adaeze"],
        tags=["high street", "Port Aldery", "food"],
        hours_ago=30,
        picture=Picture(
            "Tollgate Bakery", "Illustration: warm-coloured shopfronts", "ember", "skyline"
        ),
        body=[
            p(
                "Tollgate Bakery, which has been selling bread out of Brackenford’s old toll "
                "house since 2016, is opening a second shop on the harbour front in Port Aldery, "
                "in the unit that was until recently a bait and tackle shop."
            ),
            p(
                "Owners Wilhelmina and Joss Carrow say the decision came after they noticed "
                "that a third of their weekend customers were driving up from the coast."
            ),
            q(
                "We did the sums on the back of a flour sack, and then again properly. Both times "
                "the answer was: go.",
                "Wilhelmina Carrow",
            ),
            p(
                "The new shop will bake on site and take on six staff, four of them full time. "
                "The Brackenford shop will keep its hours, including the early opening for "
                "market traders on Thursdays."
            ),
            p(
                "The couple say the cardamom buns, which sell out most Saturdays before ten, "
                "will be on the menu in both shops from the first day. The harbour shop opens "
                "a week on Monday."
            ),
        ],
    ),
    # ------------------------------------------------------------------ the past few days
    Story(
        key="night-buses",
        section="local",
        title="Night buses to Port Aldery return for a summer trial",
        excerpt="A late service on Fridays and Saturdays will run until 1am, paid for by the "
        "district council and two pubs.",
        authors=["mara", "tomasz"],
        tags=["transport", "Port Aldery", "young people"],
        hours_ago=40,
        body=[
            p(
                "For the first time in six years, it will be possible to get from Brackenford to "
                "Port Aldery after midnight without a taxi or a very understanding parent."
            ),
            p(
                "The district council has agreed to fund a 12-week trial of the 41N night bus on "
                "Fridays and Saturdays, leaving the market square at 23:15, 00:05 and 00:55. "
                "Two pubs on the harbour, the Anchor and the Lamplighter, are contributing "
                "£3,000 between them."
            ),
            p(
                "The service was cut when passenger numbers fell sharply. Campaigners from the "
                "Ambervale Youth Council collected more than 900 signatures for its return, "
                "arguing that young people were taking risks to get home."
            ),
            q(
                "My daughter works in a restaurant in Port Aldery. Until now she’s had to leave "
                "before the end of her shift or pay £25 for a cab.",
                "Hal Brennick, Stennet Cross",
            ),
            p(
                "Whether the trial becomes permanent depends on passengers: the council wants to "
                "see an average of at least 20 on each journey."
            ),
        ],
    ),
    Story(
        key="hill-race",
        section="sport",
        title="Harriers’ hill race returns to Hobb’s Moor",
        excerpt="After two years off for path repairs, the Hobb’s Moor Horseshoe is back, with a "
        "new route that avoids the restored peat.",
        authors=["callum"],
        tags=["running", "Hobb's Moor"],
        hours_ago=52,
        picture=Picture(
            "Hobb's Moor Horseshoe",
            "Illustration: moorland ridges under a pale sky",
            "slate",
            "hills",
        ),
        body=[
            p(
                "The Hobb’s Moor Horseshoe, the toughest race on the Ambervale Harriers’ calendar, "
                "will return next month after a two-year absence."
            ),
            p(
                "The 16-kilometre race climbs 740 metres over three summits. It was paused while "
                "the moorland trust repaired eroded paths, and the new route keeps runners off "
                "the areas where peat has been re-wetted."
            ),
            p(
                "Entries are capped at 250 and the club expects them to go within a day. Runners "
                "must carry a waterproof, a map and a whistle; the race has been known to start "
                "in sunshine and finish in sleet."
            ),
            q(
                "It’s not a race you win. It’s a race you survive, and then you tell people about "
                "it for a year.",
                "Harriers chair Bryony Lusk",
            ),
            p(
                "The course record, 1 hour 21 minutes, has stood since 2009. Marshals are still "
                "needed at the second summit, where the club promises “a flask, a flag and a "
                "view you will not forget”."
            ),
        ],
    ),
    Story(
        key="council-budget",
        section="politics",
        title="Council agrees budget with rise in parking charges",
        excerpt="An hour in the town-centre car parks will cost £1.60, up from £1.20, to help "
        "close a £1.1m gap in the district’s budget.",
        authors=["tomasz"],
        tags=["council budget", "parking", "town centre"],
        hours_ago=64,
        further=["business"],
        related=["car-free-market"],
        picture=Picture(
            "Budget night", "Illustration: a bar chart of council spending", "slate", "bars"
        ),
        body=[
            p(
                "Ambervale District Council approved its budget on Wednesday night by 21 votes "
                "to 14, after a four-hour meeting that twice had to pause while the public "
                "gallery was asked to settle down."
            ),
            p(
                "The most visible change is to parking: an hour in the Guildhall and Cattle "
                "Market car parks rises from £1.20 to £1.60, and the free half-hour on Sundays "
                "goes. The council expects the change to raise about £380,000 a year."
            ),
            h("Where the money goes"),
            p(
                "Council leader Marguerite Osei said the extra income would protect the rural bus "
                "subsidy and keep both libraries open at their current hours. “Every other option "
                "on the table was a closure,” she told the chamber."
            ),
            p(
                "Opposition councillors argued that higher charges would push shoppers to the "
                "retail park on the bypass, where parking is free. An amendment to keep the old "
                "price on market days was defeated by three votes."
            ),
            q(
                "We are balancing the books on the backs of the high street.",
                "Councillor Elias Brough",
            ),
            p(
                "The new charges take effect at the start of next month. Council tax will rise "
                "by 4.9 per cent, the maximum allowed without a referendum."
            ),
        ],
    ),
    Story(
        key="lantern-walk",
        section="culture",
        title="Lantern Walk draws record crowd despite the drizzle",
        excerpt="More than 5,000 people followed the paper lanterns from the Weighhouse to the "
        "river — and the giant heron made it all the way.",
        authors=["priya"],
        tags=["Lantern Walk", "festival"],
        hours_ago=75,
        picture=Picture(
            "Lantern Walk", "Illustration: glowing lanterns against a night sky", "night", "stars"
        ),
        body=[
            p(
                "The drizzle started at six, half an hour before the procession, and for a moment "
                "the organisers of Brackenford’s Lantern Walk wondered whether anyone would come. "
                "They need not have worried: stewards counted more than 5,000 people, the biggest "
                "crowd in the walk’s 22 years."
            ),
            p(
                "This year’s theme was “creatures of the river”, and the lanterns, made over "
                "six weeks of workshops in schools and the library, included kingfishers, eels, "
                "a shoal of silver minnows and a grinning pike with battery-powered eyes."
            ),
            img(
                Picture(
                    "Creatures of the river",
                    "Illustration: lantern shapes drifting through the dark",
                    "night",
                    "rings",
                ),
                "The heron lantern, four metres tall, took eleven volunteers to carry.",
                "A large lantern shaped like a heron carried above a crowd.",
            ),
            p(
                "The star was a four-metre heron built from willow and tissue paper by the "
                "Fallowmere Women’s Institute. It swayed alarmingly on the corner of Bridge "
                "Street but reached the river intact, to loud cheers."
            ),
            q(
                "Willow bends. That’s the whole secret. Also, eleven very patient people.",
                "Constance Aylward, who designed the heron",
            ),
            p(
                "The walk ended with music from the Ollery Silver Band on the meadow and hot "
                "soup from the scout group, which ran out shortly after eight."
            ),
        ],
    ),
    Story(
        key="mills-last-studio",
        section="business",
        title="Ollery Mills workspace fills its last studio",
        excerpt="Five years after the old woollen mill reopened as workshops, all 48 units are "
        "let — to potters, coders, a bicycle framebuilder and a violin maker.",
        authors=["adaeze"],
        tags=["jobs", "heritage", "Ollery Mills"],
        hours_ago=90,
        picture=Picture(
            "Ollery Mills",
            "Illustration: a row of mill buildings with lit windows",
            "stone",
            "skyline",
        ),
        body=[
            p(
                "The last empty studio at Ollery Mills was let this week, to a violin maker "
                "moving from the city, making the converted woollen mill full for the first time "
                "since it reopened as a workspace five years ago."
            ),
            p(
                "The building, which closed as a mill in the 1970s and stood empty for decades, "
                "now houses 48 small businesses employing about 160 people. The mix ranges from "
                "a pottery and a bicycle framebuilder to a software company of four and a "
                "studio that restores antique clocks."
            ),
            q(
                "When we opened we had a waiting list of nine. People told us we’d be lucky to "
                "fill half of it.",
                "Pell Harrington, Ollery Mills Trust",
            ),
            p(
                "Rents are kept below the market rate by the trust, which owns the building and "
                "reinvests any surplus in repairs. The roof of the north wing, the last part "
                "still leaking, is due to be replaced next year."
            ),
            p(
                "The trust now has a waiting list of its own, and is talking to the district "
                "council about the empty dye works across the river."
            ),
        ],
    ),
    Story(
        key="peat-restoration",
        section="science",
        title="Hobb’s Moor peat restoration ‘holding more water than expected’",
        excerpt="Water-level loggers show the re-wetted moor releases rain more slowly, which "
        "could take the edge off floods downstream in Brackenford.",
        authors=["heloise"],
        tags=["flooding", "climate", "Hobb's Moor"],
        hours_ago=110,
        further=["local"],
        picture=Picture(
            "Hobb's Moor peat", "Illustration: dark moorland under a low sun", "dusk", "sun"
        ),
        body=[
            p(
                "Three years after volunteers began blocking the drainage ditches on Hobb’s Moor, "
                "the first full set of measurements suggests the restored peat is holding on to "
                "far more rainwater than its restorers dared hope."
            ),
            p(
                "Loggers in 30 boreholes show the water table has risen by an average of 18 "
                "centimetres. After heavy rain, the peak flow in the streams draining the moor "
                "now arrives about two hours later and is a fifth lower than before."
            ),
            h("Why it matters downstream"),
            p(
                "Those two hours could make a real difference in Brackenford, where the Ollery "
                "has burst its banks four times in the past fifteen years. A slower, lower peak "
                "gives the flood defences in town more time to cope."
            ),
            q(
                "Peat is basically a sponge that’s been wrung out for a century. We’ve stopped "
                "wringing it.",
                "Dr. Ilse Wakeham, Ambervale University",
            ),
            p(
                "The team cautions that three years is a short record, and that a very wet "
                "winter could still overwhelm the moor. Monitoring will continue for at least "
                "another decade."
            ),
        ],
    ),
    Story(
        key="hedgerow-survey",
        section="local",
        title="Residents asked to help map Brackenford’s ancient hedgerows",
        excerpt="Volunteers are needed to walk the parish with a clipboard and count the shrub "
        "species in each stretch of hedge.",
        authors=["mara", "heloise"],
        tags=["wildlife", "volunteering"],
        hours_ago=130,
        body=[
            p(
                "If you can tell hawthorn from blackthorn — or would like to learn — the "
                "Ambervale Wildlife Trust would like to hear from you."
            ),
            p(
                "The trust is starting a survey of every hedgerow in Brackenford parish, about "
                "90 kilometres in all. Volunteers are given a stretch of hedge and asked to count "
                "the number of woody species in 30-metre sections."
            ),
            p(
                "The count is a rough guide to age: a hedge with many species is usually older. "
                "Some of the hedges along Stennet Lane are thought to follow boundaries marked on "
                "a map of the 1600s, and may be far older still."
            ),
            p(
                "Two training walks are planned, starting from the church gate at ten on the next "
                "two Sundays. Boots are recommended; a hand lens is provided."
            ),
        ],
    ),
    Story(
        key="pupils-play",
        section="culture",
        title="Corn Exchange stages a play written by Year 9 pupils",
        excerpt="“The Ferryman’s Daughter”, written by 28 pupils from Ambervale Academy, opens "
        "for three nights on the main stage.",
        authors=["priya"],
        tags=["theatre", "schools", "young people"],
        hours_ago=150,
        picture=Picture(
            "The Ferryman's Daughter", "Illustration: a stage lit in red and gold", "ember", "rings"
        ),
        body=[
            p(
                "The Corn Exchange is used to touring productions and the occasional tribute act. "
                "This week it is putting on something new: a full-length play written entirely by "
                "a class of 13- and 14-year-olds."
            ),
            p(
                "“The Ferryman’s Daughter” tells the story of the last ferry across the Ollery "
                "before the first bridge was built, and the girl who refuses to let her father’s "
                "trade die. The class researched it in the Weighhouse Museum archive."
            ),
            q(
                "They argued about every line. That’s what writers do, so I took it as a good "
                "sign.",
                "Drama teacher Lorcan Fitch",
            ),
            p(
                "The theatre’s artistic director, Esmé Harcourt, saw an early reading and offered "
                "the main stage on the spot. Professional lighting and sound crews are working "
                "with the pupils, several of whom are also acting."
            ),
            p("Tickets are £6, and the box office says the Friday show is nearly sold out."),
        ],
    ),
    Story(
        key="stennet-homes",
        section="politics",
        title="District to consult on 1,200 homes at Stennet Cross",
        excerpt="The draft plan would more than double the size of the village. Residents have "
        "eight weeks to respond.",
        authors=["tomasz"],
        tags=["housing", "planning", "Stennet Cross"],
        hours_ago=170,
        picture=Picture(
            "Stennet Cross plan",
            "Illustration: fields and a village under an open sky",
            "meadow",
            "hills",
        ),
        body=[
            p(
                "Ambervale District Council has published plans for up to 1,200 new homes on "
                "farmland south of Stennet Cross, in what would be the largest single development "
                "in the district for half a century."
            ),
            p(
                "The draft includes a new primary school, a health centre and a link road to the "
                "bypass. A third of the homes would be classed as affordable, and the council "
                "says 200 would be for social rent."
            ),
            h("“We need the homes — but not like this”"),
            p(
                "At a packed meeting in the village hall on Monday, most speakers accepted that "
                "the district needs more housing but questioned whether the roads and drains "
                "could cope. Several pointed out that the lane to the station already floods "
                "after heavy rain."
            ),
            q(
                "I’ve got two grown-up children who can’t afford to live here. I want them to "
                "have a home. I also want the drains to work.",
                "Imogen Trask, Stennet Cross",
            ),
            p(
                "The consultation runs for eight weeks. Paper copies of the plan are in the "
                "Guildhall and both libraries."
            ),
        ],
    ),
    Story(
        key="empty-shops-fall",
        section="business",
        title="Brackenford’s empty shops fall to lowest level in a decade",
        excerpt="Just seven of the town centre’s 112 units stand empty, down from 19 five years "
        "ago, according to the business association’s count.",
        authors=["adaeze"],
        tags=["high street", "town centre", "jobs"],
        hours_ago=195,
        related=["bakery-second-shop"],
        picture=Picture("High Street count", "Illustration: rising bars of a chart", "lab", "bars"),
        body=[
            p(
                "The number of empty shops in Brackenford town centre has fallen to its lowest "
                "level in at least ten years, according to the annual count by the Brackenford "
                "Business Association."
            ),
            p(
                "Seven of the 112 ground-floor units were vacant at the time of the count, "
                "compared with 19 five years ago. Most of the newcomers are independent: a "
                "bookshop, a refill store, two cafés and a repair shop for phones and laptops."
            ),
            p(
                "The association credits a grant scheme for shopfronts and a rule change that "
                "made it easier to use empty shops for short-term pop-ups, several of which "
                "later signed full leases."
            ),
            q(
                "The pop-ups were the trick. Let someone try it for three months and half of "
                "them don’t want to leave.",
                "Association chair Benedikt Haas",
            ),
            p(
                "Not every trader is celebrating. Some worry the recent rise in parking charges "
                "could undo the progress; the association plans to repeat the count in six "
                "months to find out."
            ),
        ],
    ),
    Story(
        key="choir-faure",
        section="culture",
        title="Review: Fallowmere Choir sings Fauré in the boathouse",
        excerpt="Forty voices, one upright piano and a lake outside the window: an evening of "
        "Fauré’s Requiem that was better than it had any right to be.",
        authors=["priya"],
        tags=["music", "Fallowmere"],
        hours_ago=220,
        body=[
            p(
                "There are more comfortable venues than the Fallowmere boathouse. The benches are "
                "hard, the upright piano has one key that sticks, and halfway through the "
                "<i>Sanctus</i> a moorhen began to complain loudly outside."
            ),
            p(
                "None of it mattered. The Fallowmere Choir’s performance of Fauré’s Requiem on "
                "Saturday was the most moving concert I have heard in the Ambervale this year, "
                "and I have heard a lot of them."
            ),
            p(
                "Conductor Aurelio Benn took the music slowly, letting the quiet passages settle "
                "in the wooden room. Soprano Kezia Rundle’s <i>Pie Jesu</i> was simple and clear, "
                "with none of the showiness the piece sometimes attracts."
            ),
            q(
                "We rehearse in the boathouse, so it felt right to sing here. The moorhen was not "
                "invited.",
                "Conductor Aurelio Benn",
            ),
            p(
                "The choir repeats the programme in St Wendreda’s church next month, where the "
                "benches have cushions. Go anyway."
            ),
        ],
    ),
    Story(
        key="repair-cafe",
        section="local",
        title="Library’s repair café fixes its thousandth kettle",
        excerpt="The monthly repair café at Brackenford Library has kept more than a tonne of "
        "appliances out of landfill — and reached a milestone this weekend.",
        authors=["mara"],
        tags=["volunteering", "library"],
        hours_ago=250,
        picture=Picture("Repair Café", "Illustration: warm workshop light", "dawn", "rings"),
        body=[
            p(
                "At 11:42 on Saturday, volunteer electrician Sefton Pryce replaced a fuse, tested "
                "a plug and handed back a slightly dented chrome kettle to polite applause. It "
                "was, by the volunteers’ careful count, the thousandth kettle the library’s repair "
                "café has brought back to life."
            ),
            p(
                "The café started four years ago with two volunteers and a borrowed toolbox. It "
                "now has fourteen fixers, specialising in everything from lamps and toasters to "
                "zips, bicycles and a memorable accordion."
            ),
            img(
                Picture("Repair table", "Illustration: a workbench under a lamp", "stone", "rings"),
                "The repair tables in the library’s community room on Saturday.",
                "Tables with tools and small appliances waiting to be fixed.",
            ),
            p(
                "Around three quarters of the items brought in leave working. The volunteers "
                "estimate that the café has kept more than a tonne of electrical goods out of "
                "landfill."
            ),
            q(
                "People think it’s about saving money. Mostly it’s about the toaster their mum "
                "gave them.",
                "Sefton Pryce",
            ),
            p(
                "The repair café runs on the first Saturday of each month, from ten until one. "
                "There is no charge, though the cake tin accepts donations."
            ),
        ],
    ),
    Story(
        key="guildhall-weather-station",
        section="science",
        title="Students build a weather station on the Guildhall roof",
        excerpt="Readings from Ambervale University’s rooftop station are published every "
        "five minutes, and the students want schools to use them.",
        authors=["heloise"],
        tags=["weather", "climate", "Ambervale University"],
        hours_ago=280,
        picture=Picture(
            "Guildhall weather station", "Illustration: rooftops and a bright sky", "lab", "skyline"
        ),
        body=[
            p(
                "Brackenford now has an official-looking weather station of its own, thanks to "
                "five engineering students from Ambervale University who built one on the roof "
                "of the Guildhall as their final-year project."
            ),
            p(
                "The station measures temperature, humidity, pressure, wind and rainfall, and "
                "publishes readings every five minutes. Most of the parts were bought online; "
                "the rain gauge is a redesign of a 19th-century model found in the town archive."
            ),
            p(
                "The students found that on calm, clear nights the market square can be up to "
                "three degrees warmer than the fields a kilometre away, an effect they put down "
                "to stone buildings releasing the day’s heat."
            ),
            q(
                "We expected the town to be warmer. We didn’t expect the difference to be that "
                "big in a place this small.",
                "Student Tamsin Okonkwo-Reyes",
            ),
            p(
                "The group hopes local schools will use the data in lessons, and has written a "
                "short guide for teachers."
            ),
        ],
    ),
    Story(
        key="car-free-market",
        section="politics",
        title="Mayor’s plan for a car-free market day splits traders",
        excerpt="Closing the market square to traffic on Thursdays would make room for 20 more "
        "stalls, but some shopkeepers fear losing drive-in customers.",
        authors=["tomasz", "adaeze"],
        tags=["town centre", "parking", "high street"],
        hours_ago=310,
        further=["business"],
        body=[
            p(
                "A proposal by Brackenford’s mayor, Councillor Idris Pennock, to close the market "
                "square and part of Bridge Street to cars every Thursday has divided the traders "
                "it is meant to help."
            ),
            p(
                "Under the plan, the 36 parking spaces in the square would be suspended from "
                "6am to 4pm on market days, making room for 20 more stalls and some seating. "
                "Deliveries would be allowed before 9am."
            ),
            p(
                "Stallholders are broadly in favour. Several shopkeepers on the square are not, "
                "arguing that older customers in particular rely on being able to park close by."
            ),
            q(
                "I sell paint and ladders. Nobody carries a ladder to the bus stop.",
                "Crispin Hale, Hale & Sons Ironmongers",
            ),
            p(
                "The town council will run a four-week trial before deciding. Pennock says he is "
                "open to changes, including keeping disabled spaces in the square."
            ),
        ],
    ),
    Story(
        key="weighhouse-map",
        section="culture",
        title="Weighhouse Museum puts the town’s oldest map on display",
        excerpt="The hand-drawn estate map, found rolled up in a solicitor’s attic, shows "
        "Brackenford with just forty houses.",
        authors=["priya", "mara"],
        tags=["heritage", "museum"],
        hours_ago=340,
        picture=Picture(
            "The oldest map", "Illustration: parchment-coloured hills", "stone", "hills"
        ),
        body=[
            p(
                "For almost four centuries, it sat rolled up in a series of boxes. Now the oldest "
                "known map of Brackenford is on public display for the first time, in a "
                "climate-controlled case at the Weighhouse Museum."
            ),
            p(
                "The map, drawn in ink and watercolour on two sheets of parchment, was made for "
                "the owner of the Ollery estate. It shows the town as a single street of about "
                "forty houses, a mill, a chapel and a ford where the bridge now stands."
            ),
            p(
                "It was found three years ago when a firm of solicitors cleared its attic before "
                "moving offices. Conservators have since flattened and repaired it."
            ),
            q(
                "You can see the field names, and some of them are still used today. There’s a "
                "“Crooked Acre” on the map exactly where Crooked Acre Road is now.",
                "Curator Amadou Ferrant",
            ),
            p(
                "The museum is free and open from Wednesday to Sunday. A large print of the map "
                "is on the wall beside the case, so visitors can look for their own street."
            ),
        ],
    ),
    Story(
        key="late-frost-cider",
        section="business",
        title="Cider makers count the cost of a late frost",
        excerpt="A single night at minus four in blossom time wiped out up to half of the "
        "apple crop in some Ambervale orchards.",
        authors=["adaeze"],
        tags=["farming", "weather", "food"],
        hours_ago=380,
        picture=Picture(
            "Frost in the orchard", "Illustration: pale hills under a cold sky", "slate", "sun"
        ),
        body=[
            p(
                "Cider makers across the Ambervale are warning of a short harvest after a single "
                "night of hard frost arrived just as the apple trees were in full blossom."
            ),
            p(
                "Temperatures at the Guildhall weather station fell to minus four in the early "
                "hours. Growers in the lower, colder valleys report losing up to half of their "
                "blossom; orchards on the slopes above Fallowmere fared better."
            ),
            q(
                "Cold air runs downhill like water. If your orchard is in a dip, you were always "
                "going to get it.",
                "Grower Rosalind Achterberg, Hollin Farm",
            ),
            p(
                "Some producers lit candles between the rows overnight, a technique borrowed from "
                "vineyards, and believe it saved part of the crop. Others had no warning."
            ),
            p(
                "Prices at the farm gate are expected to rise. The larger cider makers say they "
                "have enough juice in storage to keep production going."
            ),
        ],
    ),
    Story(
        key="energy-coop-turbine",
        section="business",
        title="Energy co-op launches share offer for a river turbine",
        excerpt="Ambervale Energy Co-operative wants to raise £650,000 to put an "
        "Archimedes screw turbine in the old mill race.",
        authors=["adaeze", "heloise"],
        tags=["climate", "River Ollery", "energy"],
        hours_ago=420,
        further=["science"],
        body=[
            p(
                "A community energy group is inviting residents to buy shares in a project to "
                "generate electricity from the Ollery using the old mill race beside Ollery "
                "Mills."
            ),
            p(
                "Ambervale Energy Co-operative plans to install an Archimedes screw turbine, a "
                "slow-turning design that fish can pass through unharmed. It expects the turbine "
                "to produce enough electricity for about 120 homes, sold to the mill workspace "
                "and the grid."
            ),
            p(
                "Shares cost £1 each, with a minimum investment of £100. The co-op projects "
                "interest of around 4 per cent a year once the turbine is running, though it "
                "stresses that returns are not guaranteed and investors could lose their money."
            ),
            q(
                "The river turned wheels here for six hundred years. We just want it to go back "
                "to work.",
                "Co-op secretary Daniel Voss",
            ),
            p(
                "The share offer is open for ten weeks. The co-op holds an open evening at the "
                "mills on Thursday."
            ),
        ],
    ),
    Story(
        key="cricket-pavilion",
        section="sport",
        title="Fallowmere Cricket Club appeals for volunteers to save its pavilion",
        excerpt="Rot in the timber frame means the 1920s pavilion will close unless repairs "
        "start before the season.",
        authors=["callum"],
        tags=["cricket", "Fallowmere", "volunteering"],
        hours_ago=460,
        comments_open=False,
        picture=Picture(
            "Fallowmere CC", "Illustration: a cricket field under a summer sun", "pitch", "sun"
        ),
        body=[
            p(
                "Fallowmere Cricket Club says it will have to close its much-loved pavilion "
                "unless it finds volunteers and money to repair rot in the building’s timber "
                "frame."
            ),
            p(
                "The green-and-white pavilion was built in the 1920s by the village’s own "
                "carpenters. A survey found that several of the main posts have rotted at the "
                "base, where they meet the brick plinth."
            ),
            p(
                "The club has raised £9,000 of the £24,000 needed and is applying for grants. It "
                "is also looking for people with carpentry, roofing or painting skills to help "
                "over four weekends."
            ),
            q(
                "Generations of teas have been made in that kitchen. We are not letting it go "
                "without a fight.",
                "Club captain Marcus Ebdon",
            ),
            p(
                "Donations can be made at the club’s bar on match days. The first work weekend "
                "starts on Saturday at nine; volunteers are asked to bring gloves, and the club "
                "will provide lunch."
            ),
        ],
    ),
    Story(
        key="ginger-cat",
        section=None,
        title="Lost ginger cat reunited with owners after 19 days",
        excerpt="Marmaduke was found asleep in a garden shed in Stennet Cross, six kilometres "
        "from home, and in no hurry to leave.",
        authors=["mara"],
        tags=["animals", "Stennet Cross"],
        hours_ago=500,
        picture=Picture(
            "Marmaduke is home", "Illustration: a warm sunrise over gardens", "dawn", "sun"
        ),
        body=[
            p(
                "A ginger cat who went missing from his home on Crooked Acre Road has been found "
                "safe and well, 19 days later and six kilometres away."
            ),
            p(
                "Marmaduke, aged seven, was discovered asleep on a pile of sacks in a shed in "
                "Stennet Cross by a resident who had seen a poster on the village noticeboard. "
                "His microchip confirmed who he was."
            ),
            p(
                "Owner Beatrix Lowe said the family had almost given up hope. “We think he got "
                "into a delivery van,” she said. “He has a habit of climbing into anything with "
                "its doors open.”"
            ),
            p(
                "Marmaduke has since been confined to the house while he recovers, which, his "
                "family report, he is taking badly."
            ),
        ],
    ),
    Story(
        key="youth-council-seat",
        section="politics",
        title="Youth council wins a seat at district planning meetings",
        excerpt="A representative of the Ambervale Youth Council will be able to speak, though "
        "not vote, on every major application.",
        authors=["tomasz"],
        tags=["young people", "planning"],
        hours_ago=540,
        body=[
            p(
                "Young people in the Ambervale will have a voice on the district’s planning "
                "committee for the first time, after councillors agreed to give the youth "
                "council a permanent, non-voting seat."
            ),
            p(
                "The representative, chosen each year by the youth council, will be able to speak "
                "on any application for more than ten homes or a new public building."
            ),
            p(
                "The change follows a campaign by the youth council, which argued that the homes "
                "and schools being approved now would shape the lives of people too young to "
                "vote on who approves them."
            ),
            q(
                "Most of the people deciding what the town looks like in 2050 won’t be living "
                "in it. We will.",
                "Youth council chair Farah Lindgren-Osei, 17",
            ),
            p("The first representative will take the seat at next month’s meeting."),
        ],
    ),
    Story(
        key="meteor-dark-skies",
        section="science",
        title="Stargazers ask for darker streetlights ahead of meteor shower",
        excerpt="The Ambervale Astronomical Society wants some lamps on the edge of town dimmed "
        "for three nights. The council says it will try.",
        authors=["heloise"],
        tags=["night sky", "Hobb's Moor"],
        hours_ago=580,
        picture=Picture("Dark skies", "Illustration: stars over dark hills", "night", "stars"),
        body=[
            p(
                "Amateur astronomers have asked Ambervale District Council to dim streetlights "
                "on the edge of Brackenford for three nights around the peak of a meteor shower "
                "expected next month."
            ),
            p(
                "The Ambervale Astronomical Society says the glow from the town’s lights washes "
                "out the fainter meteors, even from its usual viewing spot on Hobb’s Moor."
            ),
            p(
                "Under the council’s newer LED lamps, most streets can be dimmed remotely. The "
                "council says it will dim lights on roads where it is safe to do so, but not on "
                "the main through routes."
            ),
            q(
                "On a really dark night you can see sixty meteors an hour. From the car park at "
                "the top of the moor, we’re lucky to see twenty.",
                "Society secretary Orrin Vale",
            ),
            p(
                "The society is holding a free viewing evening at the moor car park, weather "
                "permitting, with telescopes and hot drinks."
            ),
        ],
    ),
    Story(
        key="rowing-at-84",
        section="sport",
        title="Rowing club’s oldest member, 84, still out on the estuary at dawn",
        excerpt="Agnieszka Thorne took up rowing at 60. She has not missed a Sunday outing in "
        "twenty-four years.",
        authors=["callum"],
        tags=["rowing", "Port Aldery"],
        hours_ago=620,
        picture=Picture(
            "Port Aldery RC", "Illustration: the estuary at first light", "river", "river"
        ),
        body=[
            p(
                "Most Sundays at six o’clock, while the rest of Port Aldery sleeps, Agnieszka "
                "Thorne carries her oars down the slipway of Port Aldery Rowing Club. She is 84, "
                "and the club’s oldest active member by a dozen years."
            ),
            p(
                "She took up rowing at 60, after her husband died, because a friend dared her "
                "to. She has not missed a Sunday outing since, except when the estuary was "
                "closed by storms."
            ),
            q(
                "People ask if I’m not too old. I say the boat doesn’t know how old I am.",
                "Agnieszka Thorne",
            ),
            p(
                "Last year she rowed in the club’s veterans’ four at the Ambervale regatta, "
                "finishing second. Her crewmates, the youngest of whom is 66, call her “the "
                "engine”."
            ),
            p("The club runs taster sessions for adults of any age on Saturday mornings."),
        ],
    ),
    Story(
        key="first-light-photos",
        section=None,
        title="Readers’ pictures: the Ollery at first light",
        excerpt="We asked for your early-morning pictures of the river. Here are a few of our "
        "favourites.",
        authors=["mara", "priya"],
        tags=["River Ollery", "readers"],
        hours_ago=670,
        picture=Picture(
            "The Ollery at first light",
            "Illustration: dawn colours over the river",
            "dawn",
            "river",
        ),
        body=[
            p(
                "Last month we asked readers to send us pictures of the Ollery taken before "
                "breakfast. More than 200 of you did, from the spring above Stennet Cross to the "
                "estuary at Port Aldery."
            ),
            img(
                Picture(
                    "Mist at Mill Meadow",
                    "Illustration: soft hills in morning mist",
                    "dawn",
                    "hills",
                ),
                "Mist lifting off Mill Meadow, sent in by a reader on her way to work.",
                "Low mist over a meadow with hills behind.",
            ),
            p(
                "Many of the pictures were taken on the footbridge, before it closed for repairs, "
                "and several of you chose the same heron, who seems to have a favourite post by "
                "the weir."
            ),
            img(
                Picture(
                    "Estuary sunrise", "Illustration: the sun rising over the water", "ember", "sun"
                ),
                "Sunrise over the estuary at Port Aldery.",
                "An orange sun rising above the water.",
            ),
            p(
                "Thank you to everyone who took part. A selection will be shown in the library "
                "foyer next month."
            ),
            p(
                "Our next theme is “the Ambervale at work”. Send us your pictures of people doing "
                "their jobs, with their permission."
            ),
        ],
    ),
    Story(
        key="corrections",
        section=None,
        title="Corrections and clarifications",
        excerpt="Where we got things wrong, and how to tell us when we do.",
        authors=["tomasz"],
        tags=["readers"],
        hours_ago=710,
        body=[
            p(
                "In an article about the district budget we said the library in Port Aldery "
                "would reduce its hours. It will not; the change applies only to the mobile "
                "library. We apologise for the error."
            ),
            p(
                "A photo caption in our report on the Ambervale regatta named the cox of the "
                "winning junior eight as Lena Harrow. She is Lena Harlow."
            ),
            p(
                "Our story about the Weighhouse Museum said its collection holds 40,000 objects. "
                "The correct figure is 14,000."
            ),
            p(
                "If you see something in the paper that you think is wrong, please tell us. We "
                "read every message and correct mistakes as quickly as we can."
            ),
        ],
    ),
    # ------------------------------------------------------------------ not yet public
    Story(
        key="weekend-guide",
        section="culture",
        title="Weekend guide: what’s on in Brackenford",
        excerpt="A brass band on the meadow, a clock-repair demonstration and the last night of "
        "the pupils’ play.",
        authors=["priya"],
        tags=["festival", "music", "theatre"],
        hours_ago=-48,
        state="scheduled",
        picture=Picture("This weekend", "Illustration: a warm evening sky", "dusk", "sun"),
        body=[
            p(
                "The Ollery Silver Band plays on Mill Meadow on Saturday from two o’clock. Bring "
                "a blanket; the band brings the tea urn."
            ),
            p(
                "At Ollery Mills, the clock restorers in unit 31 open their doors on Saturday "
                "morning to show how a long-case clock is taken apart — and, they promise, put "
                "back together again."
            ),
            p(
                "The last performance of “The Ferryman’s Daughter” is at the Corn Exchange on "
                "Saturday night. A handful of returns may be available at the door."
            ),
            p(
                "On Sunday, the repair café holds an extra session for bicycles only, in the "
                "library car park from ten."
            ),
        ],
    ),
    Story(
        key="ward-boundaries",
        section="politics",
        title="Ward boundary review: what changes for you",
        excerpt="Draft: the boundary commission’s proposals would cut the number of district "
        "councillors from 39 to 35.",
        authors=["tomasz"],
        tags=["elections", "planning"],
        hours_ago=0,
        state="draft",
        body=[
            p(
                "The boundary commission has published draft proposals that would redraw every "
                "ward in the Ambervale and reduce the number of district councillors from 39 "
                "to 35."
            ),
            p(
                "Brackenford would lose one of its six wards, with the Mill Meadow estate joined "
                "to the town centre. Stennet Cross would gain a second councillor to reflect its "
                "expected growth."
            ),
            p(
                "[Editor: check the final ward names against the commission’s map before "
                "publishing.]"
            ),
            p("Residents can comment on the proposals until the end of next month."),
        ],
    ),
]

# Reader comments by story key. Everyone here is invented; emails are made from the names.
COMMENTS: dict[str, list[Remark]] = {
    "rovers-late-winner": [
        Remark(
            "Gwen Harrow",
            "Best ten minutes of football I’ve seen at Tanner’s Lane in years. "
            "Marsh should start on Saturday.",
            [
                Remark(
                    "Old Stand Stan",
                    "Start him? He’s been on the pitch for 40 minutes "
                    "all season. Let’s not get carried away.",
                    [
                        Remark(
                            "Gwen Harrow", "Forty minutes and three goals. I’ll take that ratio."
                        ),
                    ],
                ),
            ],
        ),
        Remark(
            "Jürgen Falk",
            "Visiting from Bremen and went along on a whim. Great atmosphere, "
            "terrible pies. Will come back.",
            url="https://example.org/juergen",
        ),
        Remark(
            "Dee Marchbank",
            "Does anyone know if the bus back from Hobb’s Moor runs after the match?",
            status="pending",
        ),
    ],
    "footbridge-reopens": [
        Remark(
            "Nell Applegarth",
            "Walked across this morning with the dog. The ramp is a huge "
            "improvement — no more lifting the buggy up those steps.",
            [
                Remark(
                    "Piers Latimer",
                    "Agreed, though £60k over budget for brackets is a lot.",
                    [
                        Remark("Nell Applegarth", "It’s that or a bridge in the river, Piers."),
                    ],
                ),
            ],
        ),
        Remark(
            "Fen Oduya",
            "Thank you to everyone who kept coming round the long way. Coffee’s "
            "on me on Saturday after the plaque.",
            url="https://bridge-street-cafe.example/",
        ),
    ],
    "council-budget": [
        Remark(
            "Elspeth Crane",
            "So I pay 40p more to park so the council can keep open the "
            "library I drive to. I suppose that’s fair, actually.",
            [
                Remark(
                    "Rob Tallis",
                    "It’s fair until the retail park gets all the trade. "
                    "Then there’s nothing to drive to.",
                    [
                        Remark(
                            "Elspeth Crane", "The retail park doesn’t have a library either, Rob."
                        ),
                        Remark(
                            "Morwenna Pike", "There’s a bus. It stops right outside the library."
                        ),
                    ],
                ),
            ],
        ),
        Remark(
            "Anonymous ratepayer", "Another tax rise, another year of potholes.", status="pending"
        ),
    ],
    "bakery-second-shop": [
        Remark(
            "Signe Halvorsen",
            "As a Port Aldery resident: finally! The drive up for buns "
            "was becoming a problem for my waistline and my petrol bill.",
            [
                Remark(
                    "Wilhelmina Carrow",
                    "We’ll save you a bun. Thank you for all the Saturdays!",
                    url="https://tollgate-bakery.example/",
                ),
            ],
        ),
    ],
    "otters-upper-ollery": [
        Remark(
            "Héctor Ibarra",
            "Fantastic news. I’m fairly sure I saw one near the weir last "
            "spring and nobody believed me.",
            [
                Remark(
                    "Noor Abernethy",
                    "We believe you! If you remember the date, please "
                    "send it to the field station — old sightings help too.",
                    [
                        Remark(
                            "Héctor Ibarra",
                            "Will do. I think it was just after Easter, around dusk.",
                        ),
                    ],
                ),
            ],
        ),
        Remark(
            "Clem Dunmore",
            "Please can dog walkers actually keep their dogs on leads this time.",
            status="pending",
        ),
        Remark("Winifred Osgood", "Is the footpath above the weir still open?", status="pending"),
    ],
    "lantern-walk": [
        Remark(
            "Kasia Wrobel",
            "The heron!!! 🦩 My kids haven’t stopped talking about it.",
            [
                Remark(
                    "Constance Aylward",
                    "Thank you — the WI is very proud. (It’s a heron, not "
                    "a flamingo, but we’ll allow it.)",
                ),
            ],
        ),
        Remark(
            "Ivo Santangelo",
            "Record crowd, but could we have more bins next year? The "
            "meadow was a mess on Sunday morning.",
        ),
    ],
    "choir-faure": [
        Remark(
            "Jürgen Falk",
            "Fauré in a boathouse — I’m sorry I missed it. Is the church concert ticketed?",
            [
                Remark(
                    "Priya Castellane",
                    "Tickets at the door, pay what you can.",
                    [
                        Remark("Jürgen Falk", "Danke! See you there."),
                    ],
                ),
            ],
        ),
        Remark("René Duplessis", "The moorhen deserves a mention in the programme."),
    ],
    "cricket-pavilion": [
        Remark(
            "Alf Renwick",
            "Played my first game there in 1968. I can still hold a saw — sign me up.",
            [
                Remark("Marcus Ebdon", "Alf, you’re a legend. See you on the first Saturday."),
            ],
        ),
        Remark("Tabitha Ng", "Donated. Save the teas!"),
    ],
    "meteor-dark-skies": [
        Remark(
            "Orrin Vale",
            "Thank you to everyone who came out on Friday — and to the council "
            "for dimming Moor Road. We counted 41 in an hour.",
            url="https://ambervale-astro.example/",
            replies=[
                Remark(
                    "Lyra Bannister",
                    "My son saw his first ever shooting star. He "
                    "wants a telescope now, thanks a lot 😄",
                    [
                        Remark(
                            "Orrin Vale",
                            "Bring him to the next society night — we lend telescopes out.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "repair-cafe": [
        Remark(
            "Sefton Pryce",
            "For the record, the accordion is working again.",
            [
                Remark(
                    "Dorothea Kemp",
                    "I can confirm, it’s my accordion, and my neighbours are "
                    "less pleased than I am.",
                ),
            ],
        ),
        Remark(
            "BestDealz Online",
            "Cheap replica watches, best prices, visit our shop now!!!",
            status="spam",
            url="https://cheap-watches.example/",
        ),
        Remark("Ambrose Teller", "Do you fix sewing machines?", status="pending"),
    ],
    "stennet-homes": [
        Remark(
            "Imogen Trask",
            "Thank you for quoting me accurately. The drains really are the issue.",
            [
                Remark(
                    "Ned Coulthard",
                    "The drains and the school. The current one is already full.",
                    [
                        Remark(
                            "Imogen Trask",
                            "The plan does include a new school, to be "
                            "fair — it’s when it gets built that worries me.",
                        ),
                    ],
                ),
            ],
        ),
    ],
}
