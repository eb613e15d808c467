# ruff: noqa: E501  (a data table: one term per line reads better than wrapped regular expressions)
"""The researched starting set of advertising-rules terms, each with where it comes from.

Written from the CAP Code, CAP's AdviceOnline notes, MHRA guidance and public ASA rulings
about clinics (summarised in our own words). A data migration loads these rows; staff
add their own in the admin. ``pattern`` rows are regular expressions over lower-cased text
(look-alike characters already read as letters); the others are plain phrases.

Each row: (phrase, is_pattern, kind, severity, source, explanation or "" for the rule's own).
"""

POM, CLAIM, PRESSURE, UNDER_18 = "prescription_medicine", "claim", "pressure", "under_18"
HIGH, MEDIUM = "high", "medium"

MHRA_POM = "MHRA: Human Medicines Regulations 2012 reg. 284 (no advertising of POMs to the public); CAP Code 12.12"
ASA_BOTOX = "CAP AdviceOnline “Botox and other prescription-only medicines”; ASA enforcement notice on Botox (2020)"
ASA_WEIGHT = "ASA rulings on weight-loss POM ads, e.g. Juniper Technologies, Yazen, SemaPen (2025)"
ASA_HAYFEVER = "ASA rulings on hay-fever steroid injections (Kenalog) by clinics (2021); MHRA"
ASA_VITAMIN = "ASA rulings on vitamin and IV injections (2021–2023); CAP Code 12.12"
EVIDENCE = "CAP Code 3.7 and 12.1 (objective claims need robust evidence); CAP AdviceOnline “Cosmetic interventions”"
MISLEAD = "CAP Code 3.1, 3.3; CAP AdviceOnline “Cosmetic interventions” (no trivialising or denying risk)"
URGENCY = "CAP Code 3.31, 8.17; CAP guidance on cosmetic interventions (no time-limited or pressure offers)"
YOUNG = "CAP Code 12.25 (in force 25 May 2022) and 5.x; CAP Advertising Guidance “Cosmetic interventions”"

NAMED = "{} is a prescription-only medicine; naming it in an advert promotes it to the public."
NICKNAME = "A nickname or hint for botulinum toxin (a prescription-only medicine) counts as advertising it."
WEIGHT = "Injectable weight-loss medicines are prescription-only; the ASA has ruled that naming them, or calling them “weight-loss injections”, promotes them."
INJECT = "Injections of this kind are prescription-only medicines and may not be advertised to the public."

BOTULINUM_BRANDS = ["Botox", "Azzalure", "Bocouture", "Dysport", "Xeomin", "Letybo", "Relfydess", "Alluzience", "Vistabel", "Nuceiva", "Jeuveau", "Daxxify"]  # fmt: skip
WEIGHT_NAMES = ["Ozempic", "Wegovy", "Mounjaro", "Saxenda", "Zepbound", "Rybelsus", "Victoza", "semaglutide", "tirzepatide", "liraglutide"]  # fmt: skip
OTHER_POMS = [
    ("Kenalog", ASA_HAYFEVER), ("triamcinolone", ASA_HAYFEVER), ("hyaluronidase", MHRA_POM), ("Hyalase", MHRA_POM),
    ("Hylenex", MHRA_POM), ("Liporase", MHRA_POM), ("polidocanol", MHRA_POM), ("Asclera", MHRA_POM), ("Fibrovein", MHRA_POM),
    ("Aqualyx", MHRA_POM), ("deoxycholic acid", MHRA_POM), ("Kybella", MHRA_POM), ("Belkyra", MHRA_POM),
    ("glutathione", "MHRA; ASA rulings on glutathione skin-lightening injections"), ("Lemon Bottle", "MHRA warning on unlicensed fat-dissolving injections (2024)"),
    ("tretinoin", MHRA_POM), ("finasteride", MHRA_POM), ("minoxidil tablets", MHRA_POM), ("isotretinoin", MHRA_POM),
]  # fmt: skip

INJ = r"(?:injections?|injectables?|jabs?|shots?|pens?|needles?)"

TERMS = [
    # --- Prescription-only medicines by name (high) ---
    *[(name.lower(), False, POM, HIGH, ASA_BOTOX, NAMED.format(name)) for name in BOTULINUM_BRANDS],
    ("botulinum toxin", False, POM, HIGH, ASA_BOTOX, NAMED.format("Botulinum toxin")),
    ("botulinum", False, POM, HIGH, ASA_BOTOX, NAMED.format("Botulinum toxin")),
    *[(name.lower(), False, POM, HIGH, ASA_WEIGHT, WEIGHT) for name in WEIGHT_NAMES],
    *[(name.lower(), False, POM, HIGH, source, NAMED.format(name)) for name, source in OTHER_POMS],
    # --- Nicknames and indirect references (high) ---
    (r"(?<![^\W_])(?!(?:de|re|in)tox)[a-z]*tox(?:es|s)?(?![^\W_])", True, POM, HIGH,
     "ASA rulings on “tox”, “baby botox”, “brotox” nicknames (2021–2023); " + ASA_BOTOX, NICKNAME),
    (r"(?<![^\W_])toxin(?![^\W_])(?!\W*free)", True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"anti\W{0,2}wrinkle(?!\W+(?:cream|serum|skincare|product|moisturi[sz]er|night cream|lotion|routine|facial|peel))",
     True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"wrinkle\W{0,2}(?:relax\w*|freez\w*|smooth\w* " + INJ + ")", True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"(?:frown|forehead|crow'?s\W?feet|brow|eye|jaw|bunny|neck|nefertiti|platysma|line|wrinkle)s?\W+(?:(?!filler|booster|profhilo|polynucleotide)\w+\W+){0,2}"
     + INJ, True, POM, HIGH, ASA_BOTOX, NICKNAME),
    ("lip flip", False, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"gummy\W+smile\W+(?:correction|treatment|fix|injections?)|gummy smile", True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"(?:masseter|jaw\W?slimming|bruxism|teeth\W?grinding|hyperhidrosis|sweat(?:ing|y)?|underarm sweat\w*|migraine)\W+"
     + INJ, True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"(?<![^\W_])(?:#|a\W+few|some)\W+units\b", True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"(?<![^\W_])(?:\d+|one|two|three|four|five|single|multiple)\W{1,3}areas?\b(?!\s+(?:of (?:the )?(?:body|scotland|glasgow)|around))",
     True, POM, HIGH, "ASA rulings on “areas” pricing for botulinum toxin (2020–2022); " + ASA_BOTOX, NICKNAME),
    (r"\bper\W+area\b|\bareas?\W+(?:from|for|at)\W+£", True, POM, HIGH, "ASA rulings on “areas” pricing (2020–2022)", NICKNAME),
    (r"💉.{0,40}(?:£|\d+\W*%|\bfrom\b|\bareas?\b|\bunits?\b|\bprice)|(?:£\s?\d+|\d+\W*%|\bareas?\b).{0,40}💉", True, POM, HIGH,
     "ASA rulings on syringe emoji beside prices in social media posts for injectables (2021)",
     "A syringe beside a price or an “area” reads as an advert for injections of a prescription-only medicine."),
    (r"\b(?:forehead|frown(?:\W+lines?)?)\b.{0,40}\bcrow'?s\W?feet\b(?=.*£\s?\d)|£\s?\d.*\b(?:forehead|frown)\b.{0,40}\bcrow'?s\W?feet\b",
     True, POM, HIGH, "ASA rulings on “areas” pricing (forehead, frown lines, crow's feet priced together)", NICKNAME),
    (r"tweakments?\b.{0,40}\btoxins?\b|preventative\W+(?:botox|tox|injections?)", True, POM, HIGH, ASA_BOTOX, NICKNAME),
    # Weight-loss medicines described without a name.
    (r"(?:weight\W?loss|slimming|fat\W?loss|obesity(?:\W+treatment)?|diet|appetite\W?suppress\w*|skinny|fat|weight)\W+"
     r"(?:injections?|jabs?|pens?|shots?|medications?|medicines?|drugs?)\b", True, POM, HIGH, ASA_WEIGHT, WEIGHT),
    (r"\b(?:weight|slimming|appetite|obesity|fat\W?loss)\b.{0,60}\b(?:injections?|jabs?|injectables?|pens?)\b|\b(?:injections?|jabs?|pens?)\b.{0,40}\b(?:appetite|weight\W?loss|slimming|obesity)\b",
     True, POM, HIGH, ASA_WEIGHT, WEIGHT),
    (r"\bglp\W?1\b|\bgip\W?/?\W?glp\W?1\b", True, POM, HIGH, ASA_WEIGHT, WEIGHT),
    # Hay fever steroid injections.
    (r"hay\W?fever\W+(?:injections?|jabs?|shots?)|steroid\W+(?:injections?|jabs?|shots?)(?=.{0,40}(?:hay\W?fever|allerg))"
     r"|(?:allergy|allergies)\W+(?:injections?|jabs?|shots?)", True, POM, HIGH, ASA_HAYFEVER, INJECT),
    # Vitamin and other injections (the injectable forms are prescription-only).
    (r"(?:vitamin\W?(?:b\W?12|b|d|c)|b\W?12|biotin|glutathione|nad\W{0,2}|coenzyme\W+q10|amino\W+acid)\W+"
     r"(?:(?:and|&)\W+\w+\W+)?(?:injections?|jabs?|shots?)", True, POM, HIGH, ASA_VITAMIN, INJECT),
    (r"(?:fat|chin|cellulite)\W?(?:dissolv\w*|melt\w*|busting)\W+(?:injections?|jabs?|shots?|treatments?)", True, POM, HIGH,
     "MHRA and ASA on fat-dissolving injections (deoxycholic acid, phosphatidylcholine)", INJECT),
    (r"(?:filler\W+dissolv\w*|dissolv\w*\W+(?:\w+\W+)?fillers?)", True, POM, HIGH,
     "MHRA: hyaluronidase (used to dissolve filler) is a prescription-only medicine", INJECT),
    ("sclerotherapy", False, POM, HIGH, "ASA ruling on sclerotherapy for thread veins (polidocanol is a POM)", INJECT),
    (r"(?:lidocaine|lignocaine)\W+(?:\w+\W+){0,2}(?:injections?|jabs?)|(?:injections?|injected)\W+(?:of\W+|with\W+)?(?:lidocaine|lignocaine)",
     True, POM, HIGH, MHRA_POM, INJECT),
    # --- Claims needing evidence (efficacy: high; comfort: medium) ---
    (r"guarantee[ds]?|guaranteeing", True, CLAIM, HIGH, EVIDENCE, "Results vary between people; an outcome cannot be promised."),
    (r"(?<![^\W_])(?:cures?|cured|curing|cure\W?all)(?![^\W_])", True, CLAIM, HIGH, "CAP Code 12.1, 12.2; " + EVIDENCE,
     "Claiming to cure a condition needs proof a clinic rarely holds; say what the treatment may help with."),
    (r"\bpermanent(?:ly)?\b|\bforever\b|\bfor good\b|\bthing of the past\b|\blifetime results?\b", True, CLAIM, HIGH,
     EVIDENCE, "Few results last for ever; say how long they usually last, with evidence."),
    (r"\b(?:miracle|miraculous|breakthrough|revolutionary|game\W?changer|magic)\b", True, CLAIM, HIGH, MISLEAD,
     "An exaggeration the advertising rules treat as an unsupported efficacy claim."),
    (r"\b(?:eliminat|eradicat|eras|banish|abolish)(?:e|es|ed|ing)?\b", True, CLAIM, HIGH, EVIDENCE,
     "Removing a problem completely is an absolute claim; say the treatment may reduce it."),
    (r"\b(?:rebuild|regrow|regenerat|revers|restor|renew)(?:s|es|e|ed|ing)?\b.{0,40}\b(?:collagen|hair|skin|ag(?:e)?ing|years|youth|matrix|cells?)\b"
     r"|\breverses?\b|\brebuilds?\b", True, CLAIM, HIGH, EVIDENCE,
     "A claim about what a treatment does to the body needs strong clinical evidence; prefer “may support”."),
    (r"\b(?:clinically|scientifically|medically)\W+proven\b|\bproven\W+(?:results?|to|method|treatment|formula)\b",
     True, CLAIM, HIGH, EVIDENCE, "“Proven” needs published, robust evidence for this exact treatment and claim."),
    (r"\bsafe\W+and\W+effective\b|\b(?:completely|totally|100\W*%?|perfectly|100 per cent)\W+(?:safe|effective|painless)\b|\bsafest\b",
     True, CLAIM, HIGH, MISLEAD, "No medical procedure is risk-free; safety claims mislead patients about risk."),
    (r"\b(?:risk|side\W?effect|complication)\W?free\b|\bno\W+(?:risks?|side\W?effects?|complications?)\b|\bzero\W+risks?\b",
     True, CLAIM, HIGH, MISLEAD, "Every medical procedure carries risks, and patients must hear about them."),
    (r"\b(?:pain\W?free|painless)\b|\bno\W+pain\b|\b(?:no|zero)\W+(?:downtime|recovery)\b", True, CLAIM, MEDIUM, MISLEAD,
     "Patients feel procedures and recover differently; describe discomfort and recovery honestly."),
    (r"\b100\W*%\W+(?:effective|results?|success|satisf\w*)|\b(?:works|effective)\W+(?:for|on)\W+(?:every(?:one|body)?|all)\b",
     True, CLAIM, HIGH, EVIDENCE, "Saying a treatment works for everyone is rarely supported by evidence."),
    (r"\bthe\W+only\W+(?:\w+\W+){0,2}(?:clinic|treatment|practitioner|provider|place|solution|product|answer|one)s?\b"
     r"|\bthe\W+most\W+(?:effective|advanced|powerful|successful)\b|\bthe\W+(?:best|leading|number\W+one|no\W+1|top)\W+(?:\w+\W+){0,2}(?:clinic|treatment|practitioner|provider|results?|clinician)s?\b",
     True, CLAIM, HIGH, "CAP Code 3.7, 3.33 (comparative and superlative claims need proof)",
     "“The only” and “the best” are claims about every competitor; the clinic would need proof."),
    (r"\blose\W+(?:up\W+to\W+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\W*(?:lbs?|pounds|kgs?|kilos?|stones?|dress\W+sizes?|sizes?)\b"
     r".{0,30}\b(?:in|within|after)\W+(?:just\W+)?(?:\d+|a|one|two|three|four|five|six|ten)\W*(?:days?|weeks?|months?)\b",
     True, CLAIM, HIGH, "CAP Code 13.10 (claims about rate or amount of weight loss)",
     "Claims about how much weight people lose in a set time are not allowed."),
    (r"\bmelts?\W+(?:away\W+)?(?:the\W+)?(?:fat|pounds|inches|cellulite)\b|\bwithout\W+(?:diet(?:ing)?|exercise)\b", True,
     CLAIM, HIGH, "CAP Code 13.x, 3.7", "Weight or fat loss without diet or exercise is a claim the rules treat as misleading."),
    (r"\b(?:takes?|knock\w*)\W+(?:\d+|ten|five|years)\W+(?:years\W+)?off\b|\blook\W+(?:\d+|ten|five|years)\W+(?:years\W+)?younger\b",
     True, CLAIM, HIGH, EVIDENCE, "A precise age-reversal claim needs evidence the clinic cannot usually hold."),
    (r"\b(?:boost\w*|strengthen\w*)\W+(?:your\W+)?immun\w*|\bimmun\w*\W+boost\w*|\bdetox\w*\W+(?:your\W+)?(?:body|system|liver)\b|\bflush\w*\W+(?:out\W+)?toxins\b",
     True, CLAIM, HIGH, "CAP Code 12.1; ASA rulings on IV drip and detox claims (2021)",
     "Immunity and detox claims are health claims the ASA has found unsupported."),
    (r"\bwithout\W+(?:a\W+)?(?:trace|scar\w*)\b|\bno\W+scar\w*\b|\bscar\W?free\b", True, CLAIM, HIGH,
     "CAP AdviceOnline “Cosmetic interventions” (tattoo removal without trace)", "Removal without any mark is an absolute claim."),
    (r"\b(?:doctors|dermatologists|experts|scientists)\W+(?:agree|recommend|say)\b(?!.{0,60}\b(?:habit|sun|sunscreen|spf|sleep|smok\w*)\b)",
     True, CLAIM, HIGH, EVIDENCE, "A claim that professionals endorse a treatment needs evidence of that endorsement."),
    (r"\binstant(?:ly)?\W+(?:\w+\W+){0,2}(?:results?|lift|erases?|removes?|smooth\w*|younger)\b|\bimmediate\W+results?\b",
     True, CLAIM, MEDIUM, EVIDENCE, "Instant results are rarely what patients see; describe a typical timeline."),
    (r"\b(?:removes?|gets?\W+rid\W+of|clears?)\W+(?:all\W+)?(?:your\W+)?(?:wrinkles|lines|cellulite|scars|stretch\W+marks)\b|\bsay\W+goodbye\W+to\b",
     True, CLAIM, HIGH, EVIDENCE, "Removing a skin concern entirely is an absolute claim."),
    # --- Pressure (medium) ---
    (r"\bonly\W+(?:#|\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\W+(?:few|handful\W+of))\W+(?:\w+\W+){0,2}(?:left|remaining|available|spaces?|slots?|places?|spots?|appointments?|treatments?|doses?)\b"
     r"|\b(?:\d+|one|two|three|a\W+few)\W+(?:slots?|spaces?|places?|spots?|appointments?)\W+(?:left|remaining)\b",
     True, PRESSURE, MEDIUM, URGENCY, "Scarcity claims rush people into a medical decision."),
    (r"\blimited\W+(?:time|space|spaces|places|slots|availability|offer|stock|spots|numbers|appointments|dates|edition)\b|\bspaces?\W+(?:are\W+)?limited\b",
     True, PRESSURE, MEDIUM, URGENCY, "Time or space limits rush people into a medical decision."),
    (r"\b(?:book|buy|call|order|message|dm|act|grab|claim|secure)\W+(?:\w+\W+)?(?:now|today|asap|immediately|quickly|fast)\b|\bhurry\b|\bact\W+fast\b|\bdon'?t\W+(?:miss|wait|delay)\b|\bmiss\W+out\b",
     True, PRESSURE, MEDIUM, URGENCY, "Urging people to act now rushes a medical decision."),
    (r"\b(?:last|final)\W+(?:chance|few|call|days?|spaces?|slots?)\b|\bwhile\W+(?:stocks?|supplies|it|they)\W+lasts?\b|\b(?:filling|selling|going|booking)\W+(?:up\W+)?fast\b",
     True, PRESSURE, MEDIUM, URGENCY, "Scarcity claims rush people into a medical decision."),
    (r"\b(?:offer|sale|deal|discount|promotion|promo|price)s?\W+(?:\w+\W+)?(?:ends?|ending|must\W+end|expires?|closes?)\b|\bvalid\W+(?:until|till|to|through)\b|\b(?:ends|expires)\W+(?:tonight|today|tomorrow|soon|at\W+midnight|sunday|monday|friday|saturday)\b",
     True, PRESSURE, MEDIUM, URGENCY, "Deadlines rush people into a medical decision."),
    (r"\b(?:today|tonight|this\W+(?:week|weekend|month)|24\W+hours?|48\W+hours?|one\W+day)\W+only\b|\bflash\W+sale\b|\bcountdown\b|\b(?:\d+|a\W+few)\W+(?:hours?|days?)\W+(?:left|to\W+go|remaining)\b",
     True, PRESSURE, MEDIUM, URGENCY, "Deadlines rush people into a medical decision."),
    (r"\b(?:black\W+friday|cyber\W+monday|boxing\W+day|january\W+sale)\b(?!\W+(?:for|because)\b)(?=.{0,60}(?:%|£|\boff\b|\bsale|\bdeal|\boffer|\bdiscount|\bsave|\bprice))"
     r"|(?:%|£\d+|\boff\b|\bsale|\bdeals?|\boffers?|\bdiscount\w*|\bsave)\W.{0,60}\b(?:black\W+friday|cyber\W+monday|boxing\W+day)\b"
     r"|\bblack\W+friday\W+(?:deal|offer|sale|discount)s?",
     True, PRESSURE, MEDIUM, "ASA rulings on Black Friday offers for injectables (2021–2023); " + URGENCY,
     "Seasonal sales treat a medical procedure like a shopping bargain and rush the decision."),
    (r"\bbefore\W+(?:the\W+)?(?:price|prices)\W+(?:increase|rise|go(?:es)?\W+up)|\bprice\W+(?:increase|rise)\W+on\b|\bprices?\W+(?:go(?:es|ing)?\W+up|will\W+(?:rise|increase|go\W+up))\b|\block\W+in\W+(?:this|the|your|our|today'?s)\W+(?:price|rate)\b|\bbefore\W+it\W+goes\b",
     True, PRESSURE, MEDIUM, URGENCY, "Warning of a coming price rise rushes people into a medical decision."),
    (r"\bfirst\W+(?:\d+|ten|five|twenty)\W+(?:clients|customers|people|patients|bookings|callers)\b|\bavoid\W+disappointment\b",
     True, PRESSURE, MEDIUM, URGENCY, "Rewarding the quickest bookers rushes a medical decision."),
    (r"\b(?:2|two)\W+for\W+(?:1|one)\b|\bbogof\b|\bbuy\W+one\W+get\W+one\b|\bhalf\W+price\b",
     True, PRESSURE, MEDIUM, "CAP Code 8.x; CAP guidance on cosmetic interventions (no bulk or bargain offers)",
     "Bargain offers trivialise a medical procedure and encourage more treatment than needed."),
    (r"\bwin\W+(?:a|an|your)\W+(?:free\W+)?\w+|\bgiveaway\b|\blike\W+(?:and\W+|&\W+)?share\b|\btag\W+(?:a|your)\W+friend\b|\bcompetition\b",
     True, PRESSURE, MEDIUM, "CAP Code 8.x; CAP guidance: cosmetic procedures should not be prizes",
     "Offering a medical procedure as a prize trivialises it."),
    # --- Under-18s (medium at least; explicit targeting high) ---
    (r"(?<![^\W_])teen(?:s|ager|agers|age|aged)?(?![^\W_])", True, UNDER_18, HIGH, YOUNG,
     "Cosmetic treatments must not be advertised to under-18s."),
    (r"(?<![^\W_])under\W{0,3}(?:18|eighteen)s?(?![^\W_])|\baged?\W+(?:1[3-7]|thirteen|fourteen|fifteen|sixteen|seventeen)\b"
     r"|\b(?:1[3-7])\W*(?:th)?\W+birthday|\b(?:1[3-7])\W+(?:or|and)\W+(?:over|above|older)\b|\b(?:1[3-7])\W*\+|\bsweet\W+sixteen\b|\b1[3-7]\W+year\W+olds?\b",
     True, UNDER_18, HIGH, YOUNG, "Cosmetic treatments must not be advertised to under-18s."),
    (r"(?<![^\W_])prom(?:s)?(?![^\W_])", True, UNDER_18, MEDIUM, YOUNG + "; ASA prom-themed rulings",
     "Proms are for school pupils, so this reads as aimed at under-18s."),
    (r"\bback\W+to\W+school\b|\bschool\W*(?:holidays?|ids?|leavers?|uniforms?|discos?|formals?|girls?|run|life|days?|friends?|exams?)\b|\bsixth\W?form\w*|\byear\W+(?:[7-9]|1[0-3])\b(?!\W+(?:years?|olds?))|\bgcses?\b|\ba\W?levels?\b|\bexams?\b|\bschool\W*(?:cards?|pupils?|students?|kids?|children)\b|\bschool\w*\b(?=.{0,30}(?:\boffer|\bdeal|\bdiscount|\bglow|\blips?\b|\bfiller|\boff\b|£|%))",
     True, UNDER_18, HIGH, YOUNG, "Reads as aimed at school pupils, who are under 18."),
    (r"\byour\W+(?:daughter|son|kids?|children|child)\b|\byoung\W+(?:girls?|boys?|teens?)\b|\bschoolgirls?\b|\bgirls\W+(?:aged|under)\b|\bmum\W+and\W+daughter\b",
     True, UNDER_18, HIGH, YOUNG, "Addressing parents about their children, or young girls, aims the advert at under-18s."),
]  # fmt: skip

# --- Second researched set (held-out evaluation, December 2026): loaded by migration 0013 ---
IV_DRIP = "ASA rulings on IV vitamin drips and NAD+ infusions (2021–2024); CAP Code 12.12"
CONDITIONS = (
    "CAP Code 12.1, 12.2 (claims to treat serious or medical conditions); ASA rulings on ozone and IV therapy claims"
)
LATER_TERMS = [
    (r"\bneuro\W?(?:modulators?|toxins?)\b", True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"\b(?:anti\W?ag(?:e)?ing|wrinkle|line\W?smoothing|prescription|preventative|preventive)\W+(?:injections?|injectables?|jabs?|shots?)\b",
     True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"\b(?:iv|intravenous)\W+(?:vitamin\w*\W+|nutrient\W+|nad\W*\+?\W+)?(?:drips?|therap(?:y|ies)|infusions?|boosters?)\b"
     r"|\b(?:vitamin|nad\W*\+?|glutathione|immunity|hangover|energy|beauty|hydration)\W+(?:iv\W+)?(?:drips?|infusions?)\b",
     True, POM, HIGH, IV_DRIP, INJECT),
    (r"\bskin\W+(?:whitening|lightening|bleaching)\b|\b(?:whitening|lightening|bleaching)\W+(?:\w+\W+)?(?:skin|complexion|injections?|drips?|shots?)\b"
     r"|(?<!\bon )(?<!\bwith )(?<!\band )(?<!\bor )(?<!\bof )\b(?:whiter|lighter|fairer)\W+(?:\w+\W+){0,2}(?:skin|complexion)\b(?!\W+(?:tones?|types?|colou?rs?))",
     True, CLAIM, HIGH, "ASA rulings on skin-lightening claims for glutathione (2021–2023); CAP Code 12.1",
     "Skin-lightening claims are unsupported and the products used are prescription-only or unsafe."),
    (r"\b(?:full|total|complete|body|deep|whole\W?body)\W+detox\b|\bdetoxif\w*\W+(?:your\W+)?(?:body|system|skin|blood|liver|cells)\b"
     r"|\bdetoxifying\W+(?:\w+\W+)?(?:drips?|treatments?|therap\w*|infusions?|facials?|injections?)\b",
     True, CLAIM, HIGH, "CAP Code 12.1; ASA rulings on IV drip and detox claims (2021)",
     "Detox claims are health claims the ASA has found unsupported."),
    (r"\bsymptom\W?free\b|\b(?:lasts?|protect\w*|covers?|relief)\W+(?:\w+\W+){0,2}(?:the\W+)?(?:all|whole|entire)\W+(?:summer|season|year)\b",
     True, CLAIM, HIGH, EVIDENCE, "Promising freedom from symptoms for a season is an efficacy claim needing evidence."),
    (r"\b(?:lose|losing|loses|drop|dropping|drops|shed|shedding|sheds)\W+(?:up\W+to\W+)?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|half\W+a)\W*(?:lbs?|pounds|kgs?|kilos?|stones?|st|dress\W+sizes?|sizes?|inches|cm)\b"
     r".{0,30}\b(?:in|within|after|per|each)\W+(?:just\W+)?(?:\d+|a|an|one|two|three|four|five|six|ten|a\W+single)?\W*(?:days?|weeks?|months?|sessions?|treatments?|visits?|appointments?)\b",
     True, CLAIM, HIGH, "CAP Code 13.10 (claims about rate or amount of weight loss)",
     "Claims about how much weight or size people lose in a set time are not allowed."),
    (r"\b(?:results?|repairs?|transforms?|fix(?:es)?|clears?|heals?|erases?|removes?|younger|difference|works?)\b.{0,40}\bovernight\b|\bovernight\W+(?:results?|transformation|fix|glow)\b",
     True, CLAIM, HIGH, EVIDENCE, "Results overnight are an efficacy claim; describe a typical timeline."),
    (r"\b(?:treats?|treating|heals?|healing|fights?|fighting|beats?|relieves?|reverses?|prevents?|protects?\W+(?:you\W+)?against)\b.{0,40}\b(?:lyme|chronic\W+fatigue|me\W?cfs|cancers?|tumou?rs?|diabetes|arthritis|autism|depression|long\W+covid|covid|coronavirus|viruses|infections?|fibromyalgia|multiple\W+sclerosis|dementia|alzheimer\w*|parkinson\w*|infertility|autoimmune|asthma|heart\W+disease|high\W+blood\W+pressure)\b",
     True, CLAIM, HIGH, CONDITIONS, "Claims to treat or prevent medical conditions need strong evidence, and serious conditions may not be advertised at all."),
    (r"\b(?:mums?|mothers?|moms?|mummy|mummies|parents?)\W+(?:and|&|n)\W+(?:daughters?|sons?|kids?|teens?|mini\W?mes?)\b|\bmother\W?daughter\b",
     True, UNDER_18, HIGH, YOUNG, "Addressing parents with their children aims the advert at under-18s."),
    (r"\bschool'?s\W*out\b|\b(?:as\W+young\W+as|start\w*\W+(?:\w+\W+){0,4}?(?:at|from))\W+(?:age\W+)?(?:1[3-7]|thirteen|fourteen|fifteen|sixteen|seventeen)\b(?!\W*(?:%|£|:|am\b|pm\b|ml\b|units?))|\bgen\W?alpha\b",
     True, UNDER_18, HIGH, YOUNG, "Reads as aimed at people under 18."),
    (r"\b(?:chance|enter|entry|entries)\W+(?:\w+\W+)?to\W+win\b|\bwin\W+(?:(?:a|an|one|some|your)\W+)?(?:free|complimentary)\b",
     True, PRESSURE, MEDIUM, "CAP Code 8.x; CAP guidance: cosmetic procedures should not be prizes",
     "Offering a medical procedure as a prize trivialises it."),
    (r"\b(?:vitamins?(?:\W?(?:b\W?12|b|c|d))?|b\W?12|biotin|glutathione|nad\W*\+?|amino\W+acids?|high\W?dose\W+vitamin\w*)\W+(?:[^\W_]+\W+){0,2}?(?:injections?|jabs?|shots?|drips?|infusions?|booster\W+(?:jabs?|shots?|injections?))\b",
     True, POM, HIGH, IV_DRIP, INJECT),
    (r"\b(?:underarm|armpit|palms?|sweat\w*)\W+(?:[^\W_]+\W+)?(?:injections?|jabs?)\b", True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"\bdissolving\W+enzymes?\b|\benzymes?\W+(?:to\W+)?dissolv\w*|\bfiller\W+(?:reversal|removal)\b|\brevers\w*\W+(?:your\W+|bad\W+|unwanted\W+)?fillers?\b",
     True, POM, HIGH, "MHRA: hyaluronidase (used to dissolve filler) is a prescription-only medicine", INJECT),
    (r"\b(?:micro\W?)?sclero(?:therapy|sants?)\b", True, POM, HIGH, "ASA ruling on sclerotherapy for thread veins (polidocanol is a POM)", INJECT),
    (r"\b(?:stronger|better|boosted|improved|healthier|strong)\W+immun\w*|\bimmun\w*\W+(?:support|boost\w*|defen[cs]es?)\b",
     True, CLAIM, HIGH, "CAP Code 12.1; ASA rulings on IV drip and immunity claims (2020–2021)",
     "Immunity claims are health claims the ASA has found unsupported."),
    (r"\b(?:\d+|ten|five|fifteen|twenty|years|a\W+decade|decades)\W+(?:years?\W+)?younger\b", True, CLAIM, HIGH, EVIDENCE,
     "A precise age-reversal claim needs evidence the clinic cannot usually hold."),
    (r"(?:%|£\s?\d|\boff\b|\boffers?\b|\bdeals?\b|\bsale\b|\bdiscount\w*|\bfree\b|\bprices?\b).{0,60}?\b(?:until|till|til|before)\W+(?:this\W+|next\W+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|midnight|tonight|tomorrow|the\W+weekend|the\W+end\W+of\W+(?:the\W+)?(?:week|month|day))\b|\b(?:until|till|til)\W+(?:this\W+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|midnight|tonight|tomorrow|the\W+weekend|the\W+end\W+of\W+(?:the\W+)?(?:week|month|day))\W+only\b",
     True, PRESSURE, MEDIUM, URGENCY, "Deadlines rush people into a medical decision."),
    (r"\bbuy\W+(?:\d+|one|two|three|four|five)\W+(?:[^\W_]+\W+)?(?:get|and\W+get)\W+(?:\d+|one|a|another)\W+(?:[^\W_]+\W+)?free\b"
     r"|\b(?:black\W+friday|cyber\W+monday|boxing\W+day)\b.{0,60}\b(?:free|buy|get|save)\b",
     True, PRESSURE, MEDIUM, "CAP Code 8.x; CAP guidance on cosmetic interventions (no bulk or bargain offers)",
     "Bargain and bulk offers trivialise a medical procedure and encourage more treatment than needed."),
    (r"\b(?:filling|selling|going|booking|books?)\W+(?:up\W+)?(?:fast|quickly|quick|rapidly)\b|\b(?:nearly|almost)\W+(?:fully\W+)?(?:booked|sold\W+out|gone|full)\b",
     True, PRESSURE, MEDIUM, URGENCY, "Scarcity claims rush people into a medical decision."),
    (r"\bdebs\b|\b(?:your|school|s[56]|sixth\W?year|leavers'?)\W+(?:formal|dance|ball)s?\b|\bformal\W+season\b",
     True, UNDER_18, HIGH, YOUNG + "; ASAI rulings on debs-themed offers",
     "School formals and debs are for pupils, so this reads as aimed at under-18s."),
    (r"\bmyers'?\W*cocktail\b|\b(?:cocktail|hydration|vitamin|hangover|immunity|energy|recovery|beauty|glow|wellness)\W+iv\b"
     r"|\biv\W+(?:cocktail|hydration|vitamins?|nutrients?|nutrition|wellness|glow)\b", True, POM, HIGH, IV_DRIP, INJECT),
    (r"\b(?:thread|spider|varicose|leg|facial)\W+veins?\W+(?:[^\W_]+\W+)?(?:injections?|jabs?)\b|\bvein\W+injections?\b",
     True, POM, HIGH, "ASA ruling on sclerotherapy for thread veins (polidocanol is a POM)", INJECT),
    (r"\b(?:muscle|wrinkle|line|frown)\W?(?:relax\w*|freez\w*|paralys\w*|weaken\w*|soften\w*)\W+(?:[^\W_]+\W+)?(?:injections?|injectables?|jabs?|shots?)\b"
     r"|\b(?:bruxism|teeth\W+grinding|jaw\W+(?:tension|clenching)|tmj)\b.{0,40}\binjections?\b|\binjections?\b.{0,40}\b(?:bruxism|teeth\W+grinding|jaw\W+(?:tension|clenching)|tmj)\b",
     True, POM, HIGH, ASA_BOTOX, NICKNAME),
    (r"\bhay\W?fever\W+(?:[^\W_]+\W+){1,2}(?:injections?|jabs?|shots?)\b|\b(?:injections?|jabs?|shots?)\W+(?:[^\W_]+\W+){0,2}(?:for\W+)?hay\W?fever\b",
     True, POM, HIGH, ASA_HAYFEVER, INJECT),
    (r"\bglutathione\b.{0,60}\b(?:brighter|even\W?(?:toned|tone)|lighter|whiter|fairer|luminous|radiant)\b", True, CLAIM, HIGH,
     "ASA rulings on skin-lightening claims for glutathione (2021–2023); CAP Code 12.1",
     "Glutathione is sold for skin lightening; brightening claims for it are unsupported."),
    (r"\b(?:lose|losing|shed|shedding|drop|dropping|erase|erases|remove|removes|lift|lifts|tighten|tightens|transform|transforms)\W+(?:[^\W_]+\W+){0,2}(?:instantly|immediately|overnight)\b",
     True, CLAIM, HIGH, EVIDENCE, "Instant results are rarely what patients see; describe a typical timeline."),
    (r"\b(?:completely|entirely|totally|fully)\W+(?:dissolv|remov|eliminat|clear|eras|destroy|banish|get\W+rid)\w*"
     r"|\b(?:dissolv|remov|eliminat|clear|eras|destroy|banish)\w*\W+(?:[^\W_]+\W+){0,3}(?:completely|entirely|totally)\b",
     True, CLAIM, HIGH, EVIDENCE, "Removing a problem completely is an absolute claim; say the treatment may reduce it."),
    (r"\b(?:book|buy|pay\W+for)\W+(?:\d+|two|three|four|five)\W+(?:[^\W_]+\W+)?(?:and\W+)?(?:get|receive)\W+(?:the\W+|a\W+|your\W+)?(?:\d+(?:st|nd|rd|th)?|second|third|fourth|fifth|sixth|next|another|one)\W+(?:[^\W_]+\W+)?(?:free|half\W+price)\b",
     True, PRESSURE, MEDIUM, "CAP Code 8.x; CAP guidance on cosmetic interventions (no bulk or bargain offers)",
     "Bulk offers encourage more treatment than needed and rush the decision."),
    (r"\bleaving\W+cert\w*|\bjunior\W+cert\w*|\bjunior\W+cycle\b|\btransition\W+year\b", True, UNDER_18, HIGH,
     YOUNG + "; ASAI rulings on school-exam themed offers", "School exams are sat by pupils, so this reads as aimed at under-18s."),
    (r"(?<![^\W_])#(?:fyp\w*|foryou\w*|tiktok\w*|snapchat\w*|genz\w*|teen\w*|schoolgirl\w*|prom\w*|sweet16\w*|debs\w*)", True, UNDER_18, MEDIUM,
     YOUNG + "; ASA rulings on cosmetic ads on youth platforms", "Hashtags of youth platforms and teen events aim a post at under-18s."),
    (r"\b(?:block\w*|switch\w*\W+off|stop\w*|paralys\w*|relax\w*|freez\w*|weaken\w*)\W+(?:[^\W_]+\W+){0,2}(?:sweat\W+glands?|nerve\W+signals?|(?:facial|forehead|frown|jaw|masseter|underlying|expression)\W+muscles?)\b"
     r"|\bmuscles?\W+(?:that|which)\W+(?:cause|create|form)\W+(?:[^\W_]+\W+)?(?:lines|wrinkles|frowns?)\b",
     True, POM, HIGH, ASA_BOTOX, "Describing how a treatment relaxes muscles or blocks sweat glands points to botulinum toxin, a prescription-only medicine."),
    (r"\b(?:forehead|frown(?:\W+lines?)?|11s|elevens)\b.{0,80}\bcrow'?s\W?feet\b(?=.{0,80}(?:£|€|\bprices?\b|\bareas?\b|\binject\w*|\bunits?\b))",
     True, POM, HIGH, "ASA rulings on “areas” pricing (forehead, frown lines, crow's feet offered together)", NICKNAME),
    (r"\blasts?\W+(?:a\W+)?lifetime\b|\blasts?\W+for\W+life\b|\blife\W?long\W+results?\b|\brejuvenat\w*\W+(?:your\W+)?(?:whole\W+)?(?:body|cells|organs|system)\b"
     r"|\b(?:repair|regenerat|restor|heal)\w*\W+(?:[^\W_]+\W+){0,2}(?:tissues?|organs?|joints?|cartilage|nerves?)\b|\byouthful\W+(?:energy|vitality)\b",
     True, CLAIM, HIGH, "CAP Code 12.1; ASA rulings on stem-cell and regenerative therapy claims", "A claim about repairing the body or lasting for life needs strong clinical evidence."),
    (r"\bburn\w*\W+(?:[^\W_]+\W+){0,2}fat\b|\bfat\W?burn\w*\b|\bboost\w*\W+(?:your\W+)?(?:energy|metabolism)\b|\bspeeds?\W+up\W+(?:your\W+)?metabolism\b",
     True, CLAIM, HIGH, "CAP Code 12.1, 13.x; ASA rulings on vitamin injection energy and fat-burning claims",
     "Fat-burning and energy claims for a treatment are health claims that need evidence."),
    (r"\bour\W+prescription\W+(?:only\W+)?(?:treatments?|medicines?|medications?|injections?|jabs?)\b", True, POM, HIGH, MHRA_POM,
     "Offering “our prescription treatment” promotes a prescription-only medicine; offer a consultation instead."),
    (r"\b(?:like|as\W+(?:good|effective)\W+as|same\W+results?\W+as)\W+(?:a\W+)?(?:surgical\W+)?(?:face\W?lift|surgery|liposuction|lipo)\b|\bnon\W?surgical\W+(?:face\W?lift|nose\W+job|lipo\w*|tummy\W+tuck|bbl)\b",
     True, CLAIM, HIGH, "CAP Code 3.7, 12.1; ASA rulings on “non-surgical facelift” claims for HIFU and threads",
     "Comparing a treatment with surgery claims surgical results the clinic would have to prove."),
    (r"\bflawless\W+(?:skin|complexion|results?)\b|\b(?:skin|results?|complexion|younger|smoother|tighter|lifted|firmer)\W+(?:[^\W_]+\W+)?instantly\b",
     True, CLAIM, MEDIUM, EVIDENCE, "Perfect or instant results are rarely what patients see; describe a typical result and timeline."),
    (r"\b(?:thirteen|fourteen|fifteen|sixteen|seventeen|1[3-7])\W+(?:and|&)\W+(?:want\w*|looking|need\w*|fancy\w*|ready|thinking)\b"
     r"|\b(?:are\W+you|turning|just\W+turned)\W+(?:thirteen|fourteen|fifteen|sixteen|seventeen|1[3-7])\b(?!\W*(?:%|£|:))",
     True, UNDER_18, HIGH, YOUNG, "Addressing readers by an age under 18 aims the advert at them."),
]  # fmt: skip
TERMS += LATER_TERMS
