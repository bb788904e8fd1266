"""Empty claims: the phrase family the message check (:mod:`referrals.outreach.checks`) reads
as a claim of benefit or rank that every competitor makes.

They are said in endless ways, so the pattern is built from families of words (see
:func:`referrals.outreach.phrases.families`): a benefit verb on a generic object ("grow your
business", "cut costs"), a rank said outright ("the leading provider"), character claimed for
the firm ("above and beyond").

>>> CLAIM.search("Imagine saving money while growing your business.").group(0)
'saving money'
"""

from __future__ import annotations

from referrals.outreach.phrases import families

__all__ = ["CLAIM"]

_BENEFIT = (r"(?:business|efficiency|productivity|results|revenue|sales|profits?|profitability"
            r"|bottom line|operations|performance|growth|ROI|workflows?|processes|margins"
            r"|customer experience|output|success)")
CLAIM = families(
    # A benefit verb on a generic object: money, costs, "your business".
    # (Not a trial's terms: "if it doesn't save your clerks time, you walk away".)
    r"(?<!doesn't )(?<!does not )(?<!didn't )\b(?:save|saves|saving) (?:you |your \w+ "
    r"|businesses |companies |firms |clients |customers )?"
    r"(?:money|time|a lot|a bundle|big|a ton|a fortune)\b",
    # ("lower your heating and cooling costs", but not "cut her ice bill 20%": a peer's.)
    r"\b(?:lower|cut|reduce|slash|trim)(?:s|ting|ing)? (?:your |their )?(?!(?:her|his|its)\b)"
    r"(?:[\w-]+ ){0,3}(?:costs?"
    r"|expenses|overhead|spend(?:ing)?|bills?)\b|\bgo green\b|\bbang for your buck\b"
    r"|\bfor your money\b|\bresults that (?:matter|count)\b|\byour (?:[\w-]+'s )?bottom line\b"
    # More custom for anyone: "our signs bring in more customers" (a count would prove it).
    r"|\b(?:bring|brings|bringing|win|wins|drive|drives|get|gets) (?:you )?(?:in )?more"
    r" (?:customers|clients|business|sales|leads|traffic|foot traffic|patients|guests)\b"
    r"|\bsave on (?:[\w-]+ ){0,2}(?:costs?|bills?)\b|\bsuperior (?!to\b)[\w-]+\b"
    r"|\ba better (?:price|rate|deal)\b"
    r"|\btrusted by\b|\bindustry[- ]standard\b|\bspeaks? for (?:itself|themselves)\b"
    r"|\bcost[- ]effective\b"
    r"|\b(?:prices|rates|pricing) (?:are|is) (?:very |extremely |highly |really )?(?:competitive"
    r"|unbeatable|the best|great|fair)\b|\bsimply the best\b|\bthe best (?!(?:time|person"
    r"|people to|way|number|day|place|contact|address|part)\b)(?:[\w-]+ ){1,2}(?:in|around"
    r"|on the)\b|\bhands down\b"
    r"|\bsav(?:e|es|ing) (?:you )?(?:hours|days|weeks)\b"
    r"|\brevolutioni[sz]e|\b(?:dramatically|significantly|drastically"
    r"|greatly|substantially|massively|vastly)\b|\b(?:big|huge|real|significant|substantial"
    r"|serious) savings\b|\bproven \w+|\bgo-to\b|\bwork smarter\b",
    r"\b(?:grow|boost|improve|increase|streamline|optimi[sz]e|maximi[sz]e|enhance|transform"
    r"|accelerate|supercharge|drive)(?:s|d|ing)? (?:your |their |the )?(?:\w+ )?" + _BENEFIT
    + r"\b",
    r"\bimprove your (?:coverage|bottom line|efficiency|business)\b|\bhelp (?:you|your \w+) "
    r"(?:grow|succeed|thrive)\b|\bmaximi[sz]e\b|\bto the next level\b",
    # Help for anyone, made simple, made better: a benefit with no one and nothing named.
    r"\bhelp(?:s|ed|ing)? (?:(?:[\w-]+ ){1,2}like (?:you|yours)|businesses|companies|firms"
    r"|practices|teams|owners|organi[sz]ations|clients|people) (?:to )?(?:grow|succeed|thrive|win"
    r"|scale|flourish|prosper|do more|reach their)\b",
    r"\bmak(?:e|es|ing) (?!(?-i:it)\b|this\b|that\b|things\b|sure\b|time\b)(?:[\w-]+ ){1,2}"
    r"(?:simple|effortless|painless|a breeze|hassle-free|easy)\b"
    r"|\bmak(?:e|es|ing) (?:your|their) (?:[\w-]+ ){1,2}(?:more (?:resilient|efficient|productive"
    r"|profitable|competitive|reliable|secure|agile|robust|effective|sustainable|scalable)"
    r"|simpler|easier|faster|safer|smarter|stronger|leaner|better)\b",
    r"\b(?:exceed|exceeds|exceeding|exceeded|surpass(?:es|ing|ed)?|beat|beats|beating) (?:your "
    r"|all |every |client |customer |their )?expectations\b"
    r"|\bempower(?:s|ing)? (?:you\b|(?:your |the )?(?:teams?|people|staff|employees|workforce"
    r"|businesses)\b)"
    r"|\b(?:do|doing) (?:their|your) best work\b|\bstreamlin\w+ everything\b"
    r"|\btransform(?:s|ing)? (?:the way|how) (?:you|your|firms|businesses|companies|teams"
    r"|practices|offices)\b|\b(?:the )?latest (?:equipment|technology|tech|tools|machinery)\b"
    r"|\bteam of (?:experts|professionals|specialists)\b|\bdedicated to your success\b"
    r"|\b(?:we've|we have) (?:got )?you covered\b|\bahead of the curve\b",
    r"\bmak(?:e|es|ing) (?:your )?life easier\b|\btake(?:s)? the (?:hassle|headache|stress|pain"
    r"|worry|guesswork) out\b|\bpeace of mind\b|\b(?:hassle|worry|stress)[- ]free\b",
    r"\b(?:better|more) (?:coverage|service|results|value|quality|protection) for less\b"
    r"|\bfor less\b(?! than\b)",
    # The rep's own superlatives.
    r"\b(?:the|a|an|region's|industry's|area's) leading\b(?! (?:cause|indicator|edge|role"
    r"|question|reason))|\bone[- ]stop\b|\btop (?:provider|supplier|company|firm|choice)\b"
    r"|\btrusted (?:name|provider|supplier|advisor|source)\b|\bleading (?:provider|supplier"
    r"|company|firm|distributor|manufacturer|agency|name)\b|\b(?:industry|market)[- ]leading\b",
    r"\b(?:enterprise|military|bank|industrial|professional)[- ]grade\b|\bsleep (?:well|better"
    r"|easy|soundly) at night\b|\b(?:a|the) (?:recogni[sz]ed |trusted |proven |clear "
    r"|established )?leader in\b|\bmake (?:your|the) [\w-]+ shine\b",
    # The rep ranked first against nobody named: "we're the best in Scotland at what we do",
    # "Harmony is the highest-rated agency in Orange County", "as the leading carrier in the
    # West", "the most powerful on the market", "very modern trucks, the best in Czech
    # Republic" (not "the closest depot to you", nor the listener's own ranking).
    # (Only the rank is quoted back; who is ranked and where stand around it.)
    # (Every lead ends in "the ", looked behind once first: each lead's own look-behind at
    # every word made the whole check slower.)
    r"(?<=the )(?:" + "|".join(rf"(?<=\b{lead} the )" for lead in (
        "we're", "we are", "is", "are", "as", "it's", "really", "truly", "simply", "easily",
        "by far", "now", "still", "proudly", "also",
        # ... and what it offers: "ThamesSeal offers the finest waterproofing in London".
        "offer", "offers", "provide", "provides", "deliver", "delivers", "sell", "sells",
        "supply", "supplies"))
    + r"|(?<=, the ))"
    r"(?:undisputed |very |absolute |clear |number one |#1 )?(?:best|finest|top|leading|premier"
    r"|foremost|highest[- ]rated|top[- ]rated|best[- ]rated|most (?!(?:of|recent|likely|common"
    r"|popular)\b)[a-z]+|number one|#1|leader)\b(?! (?:time|times|day|days|week|way|ways"
    r"|person|people|place|contact|number|address|part|bet|route|window|slot|date|moment)\b)"
    r"(?=(?: [\w-]+){0,3}? (?:in|on|for|around|across|at) (?!(?:you|your|me|us|our|my|this"
    r"|that|it|them)\b)(?:the )?[\w-])",
    # Better than nobody in particular: "the other guys", "anyone else".
    r"\b(?:better|faster|cheaper|quicker|safer|more [a-z]+) (?:job |work |service )?than (?:the"
    r" other (?:guys|companies|firms|shops|folks|outfits)|the others|anyone else|anybody else"
    r"|(?:our|the big) (?:competitors|competition|guys|chains))\b"
    r"|\b(?:we're|we are|we've been|we have been) (?:\w+ )?(?:the|your) (?:most [a-z]+"
    r"|(?!(?:closest|nearest|latest|biggest|largest|oldest)\b)[a-z]{3,}est)\b",
    r"\bbest[- ]in[- ]class\b|\bworld[- ]class\b|\bcutting[- ]edge\b|\binnovative\b"
    r"|\bresults[- ]driven\b|\bstate[- ]of[- ]the[- ]art\b|\bnext[- ]generation\b",
    # Benefits and standing with nothing named or counted: "dramatic improvements", "close
    # more deals, faster", "the best selection of shingles in North Texas", "hands-down the
    # best around", "the future of practice management", "a true partner".
    r"\b(?:dramatic|massive|incredible|amazing|remarkable|exceptional|outstanding|extraordinary"
    r"|unprecedented|explosive|phenomenal) (?:improvements?|results|savings|gains"
    r"|reductions?|growth|increases?)\b|\bhelp (?:you|your [\w-]+) (?:to )?(?:close|win|land) more"
    r" (?:deals|business|customers"
    r"|clients|sales)\b|\bthe best (?:[\w-]+ ){1,3}in (?:the )?(?:(?-i:[A-Z])\w+|business|industry"
    r"|region|state|area|country)\b|\bthe best around\b|\bhands-down\b"
    r"|\b(?:build|shap|creat|defin|lead)\w* the future of\b|\bwe(?:'re| are) the future of\b"
    r"|\bchange (?:how|the way) (?:firms|businesses|companies|teams|you|practices) (?:work|run"
    r"|do)\b"
    r"|\b(?:true|real) partner\b|\bgoes? the extra mile\b",
    r"(?<!\bmy )\bnumber one\b(?! (?:more|thing|question|complaint|reason|cause|issue|problem"
    r"|concern|request|mistake|finding|risk)\b)|#1|\bbest (?:rates|prices?|service|quality|value"
    r"|in (?:the )?(?:business"
    r"|industry|state|region|town|area|market))\b|\blowest prices?\b|\bcompetitive (?:prices"
    r"|rates|pricing)\b",
    r"\bunmatched\b|\bunbeatable\b|\bcan't be beat(?:en)?\b|\b(?:nobody|no one) (?:\w+ )?"
    r"(?:beats|better|does it better)\b|\bbetter than (?:anyone|anybody|the rest|the "
    r"competition)\b|\blike no other\b|\bsecond to none\b|\bunparall?ell?ed\b|\bunrivall?ed\b",
    r"\b(?:trusted|reliable|strategic|perfect|right|ideal|preferred) partner\b|\btop (?:talent"
    r"|quality|notch|tier|rated)\b|\btop[- ](?:notch|tier|rated)\b|\bmost (?:experienced"
    r"|reliable|trusted)\b|\bfastest\b(?!-growing)|\bgreat price\b|\bexcellence\b"
    r"|\btailored to your\b",
    r"\bhigh[- ]quality\b|\bhighest quality\b|\bpremier\b|\bone[- ]stop[- ]shop\b"
    r"|\bvalue[- ]added\b|\b(?:great|excellent|superior|outstanding|exceptional|unmatched|amazing"
    r"|fantastic|first[- ]class|quality|premium|affordable|fair|friendl(?:y|iest)"
    r"|personal(?:i[sz]ed)?|low(?:est)?|cheapest|finest|greatest) (?:service|prices?|rates"
    r"|pricing|value|support|care|quality|products?|work|workmanship|protection|printing|cleaning|results)\b",
    r"\bthe best (?:people|talent|staff|service|prices?|rates|products?|quality|team|technicians"
    r"|candidates|coverage|deals?|value)\b|\bbeats? (?:anyone|anybody|any (?:price|quote"
    r"|competitor)|the competition|everyone)\b|\bguaranteed[.!]|\bsatisfaction guaranteed\b",
    r"\brevolutionary\b|\bgame[- ]chang|\bseamless(?:ly)?\b|\bturnkey\b|\bend[- ]to[- ]end\b"
    r"|\bcustomer[- ]centric\b|\bsynerg|(?-i:\bsolutions\b)|\baward[- ]winning\b"
    r"|\bfull[- ]service\b|\bfirst[- ]rate\b",
    r"\bproven (?:track record|methodology|results|solutions?|process|system)\b",
    # The rep's standing said outright, with nothing after it to check: "our people are the
    # best.", "we're a market leader in fleet leasing", "top-of-the-line support", "our trays
    # outperform every competitor", "transformational results", "massive pipeline growth".
    r"\b(?:our [\w-]+(?: [\w-]+)? (?:is|are)|we(?:'re| are)) (?:simply |just |truly |really )?"
    r"the (?:best|greatest|finest)(?= *(?:[.!;]|$|,? (?:out there|around|bar none|by far"
    r"|period|hands down)\b))"
    r"|\b(?:we(?:'re| are)|as) (?:a|the) (?:recogni[sz]ed |global |national |regional )?"
    r"(?:market|category|industry|sector) leader\b"
    r"|\boutperform(?:s|ed|ing)? (?:every|all|any) (?:other )?(?:competitors?|rivals?"
    r"|alternatives?|brands?|products?|providers?)\b"
    r"|\boutperform(?:s|ed|ing)? (?:the rest|everyone|everybody|anyone)\b"
    r"|\btop[- ]of[- ]the[- ](?:line|range)\b|\bbest[- ]of[- ]breed\b"
    r"|\b(?:transformational|transformative|breakthrough|game-changing|life-changing|massive"
    r"|explosive|incredible|amazing|remarkable|dramatic) (?:[\w-]+ )?(?:results|growth|outcomes"
    r"|improvements?|gains|savings|ROI)\b",
    # A superlative of the rep's own thing, by its form (-est, most X, best, top),
    # ranked against a field nobody names: "the toughest on the market", "the easiest to
    # use", "the smartest investment you'll ever make", "the best partner a clinic could
    # have", "the best program out there", "the industry's most intuitive platform".
    r"\bthe (?:(?:industry|market|region|country|world|nation|state|city|area|trade)'s )?"
    r"(?:very |single |absolute |undisputed )?(?:best|finest|top|number one|(?!(?:latest|closest"
    r"|nearest|earliest|oldest|interest|honest|request|harvest|forest)\b)[a-z]{3,}(?:est|iest)"
    r"|most (?!(?:of|recent|likely|common|popular|important|urgent)\b)[a-z]{4,})"
    r"(?: [\w-]+){0,3}? (?:on the market|in the (?:industry|business|market|trade|world"
    r"|country)|out there|anywhere|around|money can buy|to (?:use|work with|deal with|install"
    r"|run|own)\b(?! (?:your|the|this|it|them)\b)|(?:you|your [\w-]+)(?:'ll| will| could| can)"
    r" (?:ever )?(?:make|find|buy|get|hire|use|have|own|choose)|(?:you|they)(?:'ve| have)? ever"
    r" (?:had|used|seen|worked with|made)|(?:an?|any) (?:[\w-]+ ){1,2}(?:could|can) (?:ever )?"
    r"(?:have|ask for|want|hope for|get|find))"
    r"|\bthe (?:industry|market|region|country|world|nation|state|city|area|trade)'s (?:best"
    r"|finest|top|leading|most [a-z]{4,}|(?!(?:latest|oldest)\b)[a-z]{3,}(?:est|iest))\b",
    # Better than nobody named: "cheaper and faster than anyone", "better than new", "better
    # than ever", "nobody in Tulsa beats our rates", "no one does roofing safer than us",
    # "you won't find better anywhere". (Anchored on "than": a comparative by its -er form
    # tried at every word made the whole check 4 % slower.)
    r"\bthan(?<!\bother than)(?<!\brather than)(?<!\bmore than)(?<!\bfewer than) (?:anyone|anybody"
    r"|any other|everyone|everybody|the rest|the competition|new|ever|most|the big (?:guys"
    r"|boys|names|players|chains))\b|\b(?:nobody|no one|no other [\w-]+"
    r"|ain't nobody)\b[^.?!;]{0,40}?\b(?:beats?|outperforms?|match(?:es)?(?= (?:us|our|that|this"
    r"|it|what|them|those|these)\b)|comes? close"
    r"|touch(?:es)?|than (?:us|we|our|me|I)\b)|\b(?:won't|will not|can't|cannot|couldn't"
    r"|never) (?:find|get|see) (?:a |any(?:one|thing|body)? )?(?:better|cheaper|faster"
    r"|safer|stronger|more reliable)\b(?! than (?-i:[A-Z]))|\boutperform(?:s|ed"
    r"|ing)? (?:the )?(?:market|competition|competitors|rest|benchmarks?|others"
    r"|everyone)\b",
    # Praise of the rep's own thing with nothing behind it: "very good quality", "a very good
    # price", "amazing results", "a reputation for excellence", "a passion for storytelling",
    # "all about quality", "our customers love it", "we're very good at it".
    # (Not a price offered: "I can give you a really good price on your run" is an offer.)
    r"\b(?:very|really|super|extremely|truly|incredibly|exceptionally|unbelievably|so|damn"
    r"|pretty)(?<!you a very)(?<!you a really)(?<!you a super)(?<!you a so)(?<!you a pretty)"
    r" (?:good[- ]at (?:it|this|what|that)\b|(?:good|great|high|low|fine"
    r"|competitive|reasonable|fast|reliable|nice)[- ](?:quality|price|prices|rates|service"
    r"|value|results|work|products?|standards?|pricing|turnaround)\b)|\b(?:amazing"
    r"|incredible|awesome|stunning|brilliant|superb|fantastic|excellent|outstanding|great"
    r"|exceptional|real) (?:results|work|job|outcomes|quality)\b|\b(?:reputation"
    r"|passion) for (?!(?:your|the|their)\b)\w+|\ball about (?:quality|service"
    r"|the customer|customer service|results|value|excellence|the client|you)\b"
    r"|\b(?:customers|clients|users|members|patients|guests) (?:all |just "
    r"|really )?(?:love|adore|rave about|swear by) (?:it|us|them|our|working with us)\b"
    r"|\bknown for (?:being |our |its |their )?(?:quality|excellence|reliability|service"
    r"|responsive|easy|great|fast|reliable|friendly)\w*",
    # the rep ranked first by a place's possessive ("we're Zurich's most dependable
    # cleaners"), life made easier or savings found for nobody named ("make life a lot easier
    # for your IT team", "review your packaging and find savings", "unlock real
    # efficiencies", "get more done with less"), a job or deal praised ("I'm sure we could do
    # a great job", "great deals on copiers"), trust and priority claimed ("businesses trust
    # Velocity for delivery that never lets them down", "our customers are our top
    # priority", "known for being on time", "grounds that make a lasting impression").
    r"\b(?:we're|we are|as) (?-i:[A-Z][\w.-]+(?: [A-Z][\w.-]+)?)'s (?:most [a-z]{4,}|best|finest"
    r"|top|leading|(?!(?:latest|oldest|biggest|largest|newest)\b)[a-z]{3,}(?:est|iest))\b"
    r"|\bmak(?:e|es|ing) (?:your )?life (?:a lot |much |so |a little |a bit )?easier\b"
    r"|\b(?:find|finds|finding|unlock|unlocks|unlocking|uncover|uncovering) (?:real |big "
    r"|hidden |significant |new )?(?:savings|efficienc(?:y|ies)|potential)\b"
    r"|\b(?:get|getting|do|doing) more (?:done )?with less\b"
    r"|\btransform(?:s|ing)? (?:their|your) (?:IT|operations|business|workplace|processes)\b"
    r"|\b(?:do|does|doing) (?:a|an) (?:really )?(?:great|fantastic|brilliant|excellent|amazing"
    r"|superb|first-class|top-notch|terrific) job\b|\b(?:great|amazing|fantastic|unbeatable"
    r"|incredible|awesome) deals\b"
    r"|\b(?:businesses|companies|clients|customers|firms|brands|retailers|shops|stores"
    r"|restaurants|practices|manufacturers|owners|homeowners|landlords|families) (?:\w+ )?trust"
    r" (?:us\b|(?-i:[A-Z]))"
    r"|\bnever lets? (?:them|you|customers|clients) down\b|\b(?:customers|clients) (?:are|come)"
    r" (?:always )?(?:our|first) (?:top |first |number one )?priority\b|\b(?:are|is) our top"
    r" priority\b"
    r"|\bknown for (?:being )?(?:on[- ]time|punctual|dependable)\b"
    r"|\bmake (?:a|an) (?:lasting|great|real|big) impression\b|\b(?:be|get) blown away\b",
    # Character claimed for the firm with nothing behind it: "a name you can trust", "we go
    # above and beyond", "the team that always delivers", "setting the standard for IT", "the
    # total package", "that's what we do best", "every law firm in town is talking about us",
    # "we've got a lot to offer", "automation that really makes a difference".
    r"\b(?:a (?:name|partner|company|team|firm|supplier)|someone|people) you can (?:trust"
    r"|rely on|count on)\b|\babove and beyond\b|\b(?:team|company|firm|people|guys|folks"
    r"|partner) (?:that|who) (?:always|consistently) deliver(?:s|ed)?\b"
    r"|\bset(?:s|ting)? the (?:standard|bar|benchmark)\b|\bthe (?:total|whole|complete|full)"
    r" package\b|\bwhat we do best\b|\bis (?:all )?talking about\b"
    r"|\b(?:a lot|lots|plenty|so much) to offer\b"
    r"|\b(?:really |truly )?makes? a (?:real |big |huge )?difference\b(?! (?:to|for) me\b)",
    # A verdict for everyone with nothing behind it: "the gold standard", "a no-brainer", "next
    # level", "the future of hospitality", "makes payday a breeze", "completely effortless",
    # "the whole process painless", "the best thing to happen to bar payroll", "no slicker
    # rota app in Scotland than ours", "no easier way to run a hotel rota", "the most complete
    # solution out there", "running like new again", "when it matters most".
    r"\bthe gold standard\b|\ba no[- ]brainer\b|\bnext[- ]level\b|\bgame[- ]changer\b"
    r"|\b(?:is|it's|we're|we are|are) the future of\b|\ba (?:total |complete )?breeze\b"
    r"|\b(?:completely|totally|truly|so|really) (?:effortless|painless|hassle[- ]free)\b"
    r"|\bthe best thing (?:to happen|since)\b|\bno (?:slicker|easier|simpler|better|smarter"
    r"|quicker|faster)\b[^.?!;]{0,40}?\b(?:than (?:ours|us|we|mine)|way to)\b"
    r"|\b(?:our|ours|we(?:'ve| have)? (?:got|built|offer|make|sell|run))\b[^.?!;]{0,30}?"
    r"\b(?:most|best)\b[^.?!;]{0,60}?\b(?:out there|around)(?= *(?:[.!;,]|$))"
    r"|(?<!\bthey )\b(?:run|runs|running|work|works|working|look|looks|looking) like new\b"
    r"|\bwhen it matters (?:the )?most\b",
    # Better than anything, the most of anything: "simply better than anything else out
    # there", "a whole lot better for your harvesting than whoever you've got now", "the most
    # complete hay coverage available", "the most energy-efficient on the market", "the best
    # investment any lab can make", "we're the best at this", "the best coverage at the best
    # price", "save barns like yours a lot of money", "completely flexible and fully tailored",
    # "the partner of choice", "future-proof", "great things together", "customer-focused".
    r"\bbetter than (?:anything|anyone|anybody|whoever|whatever|what you(?:'ve| have) got)\b"
    r"|\b(?:a (?:whole )?lot|much|far|way) better (?:for [\w' -]{1,40}? )?than (?:whoever"
    r"|whatever|what you|your current|anyone|anything)\b"
    r"|\b(?:most (?!recent\b|current\b|up-to-date\b|common\b|likely\b)[\w-]+|best|finest|cheapest"
    r"|lowest|fastest|strongest|toughest|safest)\b[^.?!;]{0,50}?\b(?:available|on the market"
    r"|you(?:'ll| will| can) (?:find|get|buy)|any(?:where| \w+ can))\b"
    r"|\b(?:we're|we are|they're|it's) the best at\b|\bthe best (?:coverage|price|rates?"
    r"|service|value|quality) (?:at|for) the (?:best|lowest) (?:price|rate|cost)\b"
    r"|\bsav(?:e|es|ing) (?:[\w'-]+ ){1,4}(?:a lot of|a ton of|lots of|plenty of|serious|real"
    r"|big) money\b|\bsav(?:e|es|ing) (?:[\w'-]+ ){1,4}a bundle\b"
    r"|\b(?:completely|fully|totally|highly) (?:flexible|tailored|customi[sz]ed|customi[sz]able"
    r"|bespoke)\b|\bpartner of choice\b|\bfuture-?proof\b|\bgreat things together\b"
    r"|\bcustomer[- ](?:focused|centric|first)\b|\b(?:strong|real|great) service culture\b",
    # The product praised by its looks or its fans: "cartons that really pop on shelf", "stand
    # out from the crowd", "labels that make any wine look premium",
    # "sleeves consumers can't resist", "the smart choice for growing brands", "the industry's
    # very best", "without lifting a finger"; the firm by its people: "a great company with
    # great people", "we love what we do", "a trusted safety partner for hundreds".
    r"\bpops? (?:on|off) (?:the )?shel(?:f|ves)\b|\bstand out from the (?:crowd|competition"
    r"|rest)\b|\b(?:consumers|customers|buyers|shoppers|people|everyone) (?:love|can't resist"
    r"|adore)\b(?![^.?!;]{0,20}\d)"
    r"|(?<!\byour )\b(?:stunning|outstanding|amazing|unforgettable|eye-catching|high-impact"
    r"|incredible|exceptional|fantastic|superb) (?:[\w-]+ ){0,2}(?:labels?|packaging|cartons?"
    r"|sleeves?|results?|people|team|service|quality|products?|experience|designs?)\b"
    r"|\blooks? (?:amazing|stunning|premium|incredible|fantastic) on (?:the )?shel(?:f|ves)\b"
    r"|\bmakes? (?:any|every) [\w-]+ look\b|\bgets? (?:your )?products? noticed\b"
    r"|\bthe (?:smart|obvious|natural|best) choice for\b|\bthe industry's (?:very )?(?:best"
    r"|finest|leading)\b|\bwithout lifting a finger\b|\bwe love what we do\b"
    r"|\bthe best (?:company|firm|supplier|team) I(?:'ve| have) ever\b|\b(?:a|such a) (?:great"
    r"|fantastic|wonderful|amazing) (?:company|team|firm|bunch)\b|\bgreat people\b"
    r"|\btrusted (?:[\w-]+ ){0,2}(?:partner|supplier|provider|source|name)\b",
    # Rank or regard said outright, with no measure: "our plant is the biggest in the state",
    # "our valves are better", "well respected in the sugar industry", "the perfect solution
    # for your school", "we'll make your life so much easier".
    r"\bthe (?:biggest|largest) (?:[\w-]+ ){0,2}in (?:the )?(?:state|country|region|city"
    r"|industry|market|business|world|area|province|trade)\b"
    r"|\b(?:our|we|we're|my) (?:[\w-]+ ){0,3}?(?:are|is|'re) (?:just |simply |much |far |way"
    r" |a lot )?(?:better|superior)"
    r"(?= *(?:[.!]|$)| than (?:the|any|anyone|others|other|competitors?|the competition"
    r"|the rest)\b)"
    r"|\b(?:well|highly|widely|very well) (?:respected|regarded|reputed)\b|\bthe perfect"
    r" (?:solution|fit|partner|choice|system|platform)\b|\bmake your (?:life|lives|job|day)"
    r" (?:(?:so|a lot|much|far) )*easier\b|\b(?:we|that) deliver(?:s)? (?:real |great |proven"
    r" |measurable |outstanding )?results\b|\b(?:we'd|we would|we'll|we will|we're|we are)"
    r" (?:be )?(?:a |the )?(?:great|perfect|natural|ideal) fit\b",
    # Promises any firm makes, in the words reps use: "look after you from start to finish",
    # "the job done right the first time", "the best result possible", "change the game",
    # "focus on what matters most", "you'll see the difference", "without the headaches",
    # "bulletproof", "different from anyone you've worked with", "first-class support", "go
    # the extra mile", "a comprehensive suite", "the people you want in your corner", "pay for
    # themselves", "the best way to keep your trucks safe".
    r"\bfrom start to finish\b|(?<!\bdo it )\bright the first time\b"
    r"|\bthe best (?:possible )?(?:result|outcome|deal)s?(?: possible)?\b|\bchange the game\b"
    r"|\bgame[- ]chang\w+|\bwhat matters most\b"
    r"|\b(?:you'll|you will) see (?:the|a real) difference\b|\bwithout (?:any of )?the"
    r" (?:headaches?|hassle|stress)\b|\bbulletproof\b|\bdifferent from (?:anyone|any other|every"
    r" other|the rest)\b|\bfirst-class\b(?! (?:post|mail|stamp|postage))"
    r"|\b(?:go|going|goes) the extra mile\b|\bcomprehensive (?:suite|range|solution)\b"
    r"|\bin your corner\b"
    r"|\bpays? for (?:themselves|itself)\b(?! (?:in|within|inside|over) )"
    r"|\b(?:is|are|'s) the best way to\b",
    # Rank and promise in the trade's own words: "nobody in Dublin will look after you
    # better", "a level of service you won't get anywhere else", "simply run longer than
    # anything else out there", "the ultimate solution", "we're the simplest way to pull it
    # together", "total control of spend", "super powerful and really easy to use", "your
    # valve worries are over", "trouble-free operation", "top Italian quality", "the most
    # dependable choice", "we really have great valves", "take a lot of pain out of".
    r"\b(?:nobody|no one)\b[^.?!;]{0,60}?\b(?:better|like (?:we|us) do|like we do|more than (?:we"
    r"|us))\b|\b(?:nobody|no one) in [^.?!;]{0,60}?\bthan (?:we|us|our)\b"
    r"|\b(?:won't|will not|can't|cannot|never|wouldn't) (?:find|get|see)\b[^.?!;]{0,40}?"
    r"\banywhere(?: else)?\b|\bthan anything (?:else|you)\b"
    r"|\bthe ultimate (?:solution|platform|tool|answer|choice|partner|way)\b"
    r"|\b(?:we're|we are|is|are|'s) (?:really |truly |simply |by far |hands down )?the"
    r" (?:simplest|easiest|smartest|quickest|fastest|safest|most \w+) (?:way|move|choice"
    r"|option|solution)\b|\b(?:total|complete|full) control (?:of|over) (?:your |their )?"
    r"(?:spend|payables|costs?|finances|cash)\b|\b(?:super|really|so|incredibly|extremely"
    r"|seriously) (?:powerful|easy to use|simple to (?:use|roll out|set up)|awesome|intuitive"
    r"|user-friendly)\b|\b(?:worries|headaches|problems|troubles) (?:are|will be) over\b"
    r"|\btrouble[- ]free\b|\btop (?:(?-i:[A-Z])[\w-]+ )?quality\b|\bthe (?:most [a-z]+|best"
    r"|smartest|safest) choice\b|\bwe (?:really |truly )?(?:have|make|sell|offer|build)"
    r" (?:really |truly |some )?(?:great|excellent|fantastic|amazing|superb|brilliant) [\w-]+"
    r"|\btake(?:s)? (?:a lot of |most of |much of |all of )?"
    r"(?:the )?(?:pain|hassle|headaches?|stress|worry|guesswork) out\b"
    r"|\bchang(?:es|ing) the game\b|\b(?:totally|completely) change (?:how|the way)\b"
    r"|\bhigher[- ]value work\b|\ba non-event\b|\bcrush(?:es|ing)? (?:it|month-end|the"
    r" competition)\b|\bthe highest (?:[\w-]+ )?(?:standards?|quality)\b|\bguarantee(?:s)? (?:you"
    r" )?the (?:highest|lowest|best)\b|\bbetter,? (?:and )?more (?:efficient|reliable|flexible)"
    r" service\b|\bthe best (?:price|prices|rates?) in\b"
    r"|\bbeats? (?:everything|anything|all)(?: else)? (?:on the market|out there|around)\b"
    # "take a big chunk off your power bills", "pay for themselves in no time", "make
    # payroll so much easier", "our best rate of the year", "built for companies like yours",
    # "take the payroll stress off your plate", "we're different", "we take care of our
    # clients", "we do it right", "the best-kept secret", "total confidence", "we're simply
    # better at this", "we'd do it better", "maximises uptime".
    r"|\bmak(?:e|es|ing) the whole (?:[\w-]+ )?(?:simple|effortless|painless|easy)\b"
    r"|\btake a (?:big |huge )?(?:chunk|bite) (?:off|out of) your\b|\bpays? for (?:themselves"
    r"|itself) in no time\b|\bmak(?:e|es|ing) [\w-]+ (?:so much|much|a lot|far) easier\b"
    r"|\bour best (?:rate|price|deal|offer)s? of the year\b|\bbuilt for (?:companies|businesses"
    r"|firms|teams|practices|labs) like yours\b|\b(?:take|takes|taking) (?:the )?(?:[\w-]+ )?"
    r"(?:stress|hassle|headache|burden) off your plate\b|\bwe(?:'re| are) different\b"
    r"|\btake (?:good |great |real )?care of (?:our|their) (?:clients|customers)\b"
    r"|\bwe do it right\b|\bbest[- ]kept secret\b|\btotal confidence\b|\bwe(?:'re| are)"
    r" (?:simply |just )?better at\b|\bdo it better\b|\bmaximi[sz](?:es|ing)\b"
    # "complete peace of mind", "puts your mind at rest", "the trusted choice", "miles ahead
    # of anyone", "we just do it properly, unlike most", "you'll wonder why you didn't
    # switch", "a really compelling offer", "I'll put our service up against anybody's", "just
    # better, period", "outlast anything", "the perfect venue for every event", "take away all
    # your worries", "zero stress", "never overpay", "better and cheaper", "unforgettable".
    r"|\bpeace of mind\b|\b(?:puts?|set) your mind at (?:rest|ease)\b|\btrusted choice\b"
    r"|\bmiles ahead\b|\bunlike (?:most|many|other|the rest)\b|\bwonder why you didn't\b"
    r"|\b(?:really |very |truly )?compelling (?:offer|package|proposition)\b"
    r"|\bup against anybody's\b|\bbetter,? (?:period|full stop)\b|\boutlasts? anything\b"
    r"|\bthe perfect (?:[\w-]+ )?for every\b|\btake away all your\b|\bzero (?:stress|hassle)\b"
    r"|\bnever overpay\b|\bbetter and cheaper\b|\bunforgettable\b|\bnever says no\b"
    r"|\bthe most (?:responsive|inspiring|reliable|trusted)\b|\bevery event is unique\b"
    r"|\b(?:truly |really )?comprehensive (?:protection|cover|service|solution)\b"
    r"|\b(?:stay|keep you|keeps? firms like yours) (?:safe|secure)[\w ,]*(?:and|from)"
    r" (?:compliant|every)\b|\bperfect for (?:practices|businesses|companies|firms|shops)\b",
    # Promises of "never again", standing and results with nothing behind them: "you'll never
    # have to worry about your printers again", "built to last a lifetime", "known all over
    # Flanders for our quality", "the best-known name", "full control, total flexibility and maximum
    # efficiency", "you'll see a real difference", "we've helped plenty of districts".
    r"\b(?:you(?:'ll| will)?|you'd) never (?:have to |need to )?[a-z]+\b[^.?!;]{0,40}?\bagain\b"
    r"|\bmake sure (?:that|it|this) never happens\b"
    r"|\bbuilt to last\b|\bknown (?:right )?(?:all over|across|throughout|everywhere"
    r"|far and wide)\b"
    r"[^.?!;]{0,30}?\bfor (?:our|its|their) (?:quality|service|reliability|expertise)\b"
    r"|\bknown for (?:our|its) (?:quality|service|reliability|expertise)\b"
    r"|\bbest[- ]known (?:name|company|firm|brand|supplier)\b"
    r"|\b(?:full|total|complete) (?:control|flexibility|visibility) and\b"
    r"|\bmaximum (?:efficiency|flexibility|uptime|performance|productivity|reliability)\b"
    r"|\b(?:see|notice|feel) (?:a |the )?(?:real|big|huge|noticeable|tangible|massive)"
    r" difference\b(?![^.?!;]*\d)"
    r"|\bhelped (?:plenty|lots|loads|countless|so many) of\b",
)
