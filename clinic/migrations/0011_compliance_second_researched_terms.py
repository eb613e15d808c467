# ruff: noqa: E501  (a frozen data table)
"""A second researched set of advertising-rules terms, each with its source.

Written after testing the check on text it had not seen: IV and vitamin drips, other names
for botulinum toxin and for hyaluronidase, skin-lightening, detox, immunity and
serious-condition claims, weight-loss amounts per session, deadlines before a weekday,
bulk offers, school formals and debs. Terms staff added, changed or disabled are left as
they are; a row already holding one of these phrases is not touched. The list is frozen
here (a copy, not an import) so later edits to the app's list never change this migration.
"""

from django.db import migrations

TERMS = [
    ('\\bneuro\\W?(?:modulators?|toxins?)\\b', True, 'prescription_medicine', 'high', 'CAP AdviceOnline “Botox and other prescription-only medicines”; ASA enforcement notice on Botox (2020)', 'A nickname or hint for botulinum toxin (a prescription-only medicine) counts as advertising it.'),
    ('\\b(?:anti\\W?ag(?:e)?ing|wrinkle|line\\W?smoothing|prescription|preventative|preventive)\\W+(?:injections?|injectables?|jabs?|shots?)\\b', True, 'prescription_medicine', 'high', 'CAP AdviceOnline “Botox and other prescription-only medicines”; ASA enforcement notice on Botox (2020)', 'A nickname or hint for botulinum toxin (a prescription-only medicine) counts as advertising it.'),
    ('\\b(?:iv|intravenous)\\W+(?:vitamin\\w*\\W+|nutrient\\W+|nad\\W*\\+?\\W+)?(?:drips?|therap(?:y|ies)|infusions?|boosters?)\\b|\\b(?:vitamin|nad\\W*\\+?|glutathione|immunity|hangover|energy|beauty|hydration)\\W+(?:iv\\W+)?(?:drips?|infusions?)\\b', True, 'prescription_medicine', 'high', 'ASA rulings on IV vitamin drips and NAD+ infusions (2021–2024); CAP Code 12.12', 'Injections of this kind are prescription-only medicines and may not be advertised to the public.'),
    ('\\bskin\\W+(?:whitening|lightening|bleaching)\\b|\\b(?:whitening|lightening|bleaching)\\W+(?:\\w+\\W+)?(?:skin|complexion|injections?|drips?|shots?)\\b|\\b(?:whiter|lighter|fairer)\\W+(?:\\w+\\W+){0,2}(?:skin|complexion)\\b', True, 'claim', 'high', 'ASA rulings on skin-lightening claims for glutathione (2021–2023); CAP Code 12.1', 'Skin-lightening claims are unsupported and the products used are prescription-only or unsafe.'),
    ('\\b(?:full|total|complete|body|deep|whole\\W?body)\\W+detox\\b|\\bdetoxif\\w*\\W+(?:your\\W+)?(?:body|system|skin|blood|liver|cells)\\b|\\bdetoxifying\\W+(?:\\w+\\W+)?(?:drips?|treatments?|therap\\w*|infusions?|facials?|injections?)\\b', True, 'claim', 'high', 'CAP Code 12.1; ASA rulings on IV drip and detox claims (2021)', 'Detox claims are health claims the ASA has found unsupported.'),
    ('\\bsymptom\\W?free\\b|\\b(?:lasts?|protect\\w*|covers?|relief)\\W+(?:\\w+\\W+){0,2}(?:the\\W+)?(?:all|whole|entire)\\W+(?:summer|season|year)\\b', True, 'claim', 'high', 'CAP Code 3.7 and 12.1 (objective claims need robust evidence); CAP AdviceOnline “Cosmetic interventions”', 'Promising freedom from symptoms for a season is an efficacy claim needing evidence.'),
    ('\\b(?:lose|losing|loses|drop|dropping|drops|shed|shedding|sheds)\\W+(?:up\\W+to\\W+)?(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|half\\W+a)\\W*(?:lbs?|pounds|kgs?|kilos?|stones?|st|dress\\W+sizes?|sizes?|inches|cm)\\b.{0,30}\\b(?:in|within|after|per|each)\\W+(?:just\\W+)?(?:\\d+|a|an|one|two|three|four|five|six|ten|a\\W+single)?\\W*(?:days?|weeks?|months?|sessions?|treatments?|visits?|appointments?)\\b', True, 'claim', 'high', 'CAP Code 13.10 (claims about rate or amount of weight loss)', 'Claims about how much weight or size people lose in a set time are not allowed.'),
    ('\\b(?:results?|repairs?|transforms?|fix(?:es)?|clears?|heals?|erases?|removes?|younger|difference|works?)\\b.{0,40}\\bovernight\\b|\\bovernight\\W+(?:results?|transformation|fix|glow)\\b', True, 'claim', 'high', 'CAP Code 3.7 and 12.1 (objective claims need robust evidence); CAP AdviceOnline “Cosmetic interventions”', 'Results overnight are an efficacy claim; describe a typical timeline.'),
    ('\\b(?:treats?|treating|heals?|healing|fights?|fighting|beats?|relieves?|reverses?|prevents?|protects?\\W+(?:you\\W+)?against)\\b.{0,40}\\b(?:lyme|chronic\\W+fatigue|me\\W?cfs|cancers?|tumou?rs?|diabetes|arthritis|autism|depression|long\\W+covid|covid|coronavirus|viruses|infections?|fibromyalgia|multiple\\W+sclerosis|dementia|alzheimer\\w*|parkinson\\w*|infertility|autoimmune|asthma|heart\\W+disease|high\\W+blood\\W+pressure)\\b', True, 'claim', 'high', 'CAP Code 12.1, 12.2 (claims to treat serious or medical conditions); ASA rulings on ozone and IV therapy claims', 'Claims to treat or prevent medical conditions need strong evidence, and serious conditions may not be advertised at all.'),
    ('\\b(?:mums?|mothers?|moms?|mummy|mummies|parents?)\\W+(?:and|&|n)\\W+(?:daughters?|sons?|kids?|teens?|mini\\W?mes?)\\b|\\bmother\\W?daughter\\b', True, 'under_18', 'high', 'CAP Code 12.25 (in force 25 May 2022) and 5.x; CAP Advertising Guidance “Cosmetic interventions”', 'Addressing parents with their children aims the advert at under-18s.'),
    ("\\bschool'?s\\W*out\\b|\\b(?:as\\W+young\\W+as|start\\w*\\W+(?:\\w+\\W+){0,4}?(?:at|from))\\W+(?:age\\W+)?(?:1[3-7]|thirteen|fourteen|fifteen|sixteen|seventeen)\\b(?!\\W*(?:%|£|:|am\\b|pm\\b|ml\\b|units?))|\\bgen\\W?alpha\\b", True, 'under_18', 'high', 'CAP Code 12.25 (in force 25 May 2022) and 5.x; CAP Advertising Guidance “Cosmetic interventions”', 'Reads as aimed at people under 18.'),
    ('\\b(?:chance|enter|entry|entries)\\W+(?:\\w+\\W+)?to\\W+win\\b|\\bwin\\W+(?:(?:a|an|one|some|your)\\W+)?(?:free|complimentary)\\b', True, 'pressure', 'medium', 'CAP Code 8.x; CAP guidance: cosmetic procedures should not be prizes', 'Offering a medical procedure as a prize trivialises it.'),
    ('\\b(?:vitamins?(?:\\W?(?:b\\W?12|b|c|d))?|b\\W?12|biotin|glutathione|nad\\W*\\+?|amino\\W+acids?|high\\W?dose\\W+vitamin\\w*)\\W+(?:[^\\W_]+\\W+){0,2}?(?:injections?|jabs?|shots?|drips?|infusions?|booster\\W+(?:jabs?|shots?|injections?))\\b', True, 'prescription_medicine', 'high', 'ASA rulings on IV vitamin drips and NAD+ infusions (2021–2024); CAP Code 12.12', 'Injections of this kind are prescription-only medicines and may not be advertised to the public.'),
    ('\\b(?:underarm|armpit|palms?|sweat\\w*)\\W+(?:[^\\W_]+\\W+)?(?:injections?|jabs?)\\b', True, 'prescription_medicine', 'high', 'CAP AdviceOnline “Botox and other prescription-only medicines”; ASA enforcement notice on Botox (2020)', 'A nickname or hint for botulinum toxin (a prescription-only medicine) counts as advertising it.'),
    ('\\bdissolving\\W+enzymes?\\b|\\benzymes?\\W+(?:to\\W+)?dissolv\\w*|\\bfiller\\W+(?:reversal|removal)\\b|\\brevers\\w*\\W+(?:your\\W+|bad\\W+|unwanted\\W+)?fillers?\\b', True, 'prescription_medicine', 'high', 'MHRA: hyaluronidase (used to dissolve filler) is a prescription-only medicine', 'Injections of this kind are prescription-only medicines and may not be advertised to the public.'),
    ('\\b(?:micro\\W?)?sclero(?:therapy|sants?)\\b', True, 'prescription_medicine', 'high', 'ASA ruling on sclerotherapy for thread veins (polidocanol is a POM)', 'Injections of this kind are prescription-only medicines and may not be advertised to the public.'),
    ('\\b(?:stronger|better|boosted|improved|healthier|strong)\\W+immun\\w*|\\bimmun\\w*\\W+(?:support|boost\\w*|defen[cs]es?)\\b', True, 'claim', 'high', 'CAP Code 12.1; ASA rulings on IV drip and immunity claims (2020–2021)', 'Immunity claims are health claims the ASA has found unsupported.'),
    ('\\b(?:\\d+|ten|five|fifteen|twenty|years|a\\W+decade|decades)\\W+(?:years?\\W+)?younger\\b', True, 'claim', 'high', 'CAP Code 3.7 and 12.1 (objective claims need robust evidence); CAP AdviceOnline “Cosmetic interventions”', 'A precise age-reversal claim needs evidence the clinic cannot usually hold.'),
    ('(?:%|£\\s?\\d|\\boff\\b|\\boffers?\\b|\\bdeals?\\b|\\bsale\\b|\\bdiscount\\w*|\\bfree\\b|\\bprices?\\b).{0,60}?\\b(?:until|till|til|ends?|ending|expires?|before)\\W+(?:this\\W+|next\\W+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|midnight|tonight|tomorrow|the\\W+weekend|the\\W+end\\W+of\\W+(?:the\\W+)?(?:week|month|day))\\b|\\b(?:until|till|til)\\W+(?:this\\W+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|midnight|tonight|tomorrow|the\\W+weekend|the\\W+end\\W+of\\W+(?:the\\W+)?(?:week|month|day))\\W+only\\b', True, 'pressure', 'medium', 'CAP Code 3.31, 8.17; CAP guidance on cosmetic interventions (no time-limited or pressure offers)', 'Deadlines rush people into a medical decision.'),
    ('\\bbuy\\W+(?:\\d+|one|two|three|four|five)\\W+(?:[^\\W_]+\\W+)?(?:get|and\\W+get)\\W+(?:\\d+|one|a|another)\\W+(?:[^\\W_]+\\W+)?free\\b|\\b(?:black\\W+friday|cyber\\W+monday|boxing\\W+day)\\b.{0,60}\\b(?:free|buy|get|save)\\b', True, 'pressure', 'medium', 'CAP Code 8.x; CAP guidance on cosmetic interventions (no bulk or bargain offers)', 'Bargain and bulk offers trivialise a medical procedure and encourage more treatment than needed.'),
    ('\\b(?:filling|selling|going|booking|books?)\\W+(?:up\\W+)?(?:fast|quickly|quick|rapidly)\\b|\\b(?:nearly|almost)\\W+(?:fully\\W+)?(?:booked|sold\\W+out|gone|full)\\b', True, 'pressure', 'medium', 'CAP Code 3.31, 8.17; CAP guidance on cosmetic interventions (no time-limited or pressure offers)', 'Scarcity claims rush people into a medical decision.'),
    ("\\bdebs\\b|\\b(?:your|school|s[56]|sixth\\W?year|leavers'?)\\W+(?:formal|dance|ball)s?\\b|\\bformal\\W+season\\b", True, 'under_18', 'high', 'CAP Code 12.25 (in force 25 May 2022) and 5.x; CAP Advertising Guidance “Cosmetic interventions”; ASAI rulings on debs-themed offers', 'School formals and debs are for pupils, so this reads as aimed at under-18s.'),
    ("\\bmyers'?\\W*cocktail\\b|\\b(?:cocktail|hydration|vitamin|hangover|immunity|energy|recovery|beauty|glow|wellness)\\W+iv\\b|\\biv\\W+(?:cocktail|hydration|vitamins?|nutrients?|nutrition|wellness|glow)\\b", True, 'prescription_medicine', 'high', 'ASA rulings on IV vitamin drips and NAD+ infusions (2021–2024); CAP Code 12.12', 'Injections of this kind are prescription-only medicines and may not be advertised to the public.'),
    ('\\b(?:thread|spider|varicose|leg|facial)\\W+veins?\\W+(?:[^\\W_]+\\W+)?(?:injections?|jabs?)\\b|\\bvein\\W+injections?\\b', True, 'prescription_medicine', 'high', 'ASA ruling on sclerotherapy for thread veins (polidocanol is a POM)', 'Injections of this kind are prescription-only medicines and may not be advertised to the public.'),
    ('\\b(?:muscle|wrinkle|line|frown)\\W?(?:relax\\w*|freez\\w*|paralys\\w*|weaken\\w*|soften\\w*)\\W+(?:[^\\W_]+\\W+)?(?:injections?|injectables?|jabs?|shots?)\\b|\\b(?:bruxism|teeth\\W+grinding|jaw\\W+(?:tension|clenching)|tmj)\\b.{0,40}\\binjections?\\b|\\binjections?\\b.{0,40}\\b(?:bruxism|teeth\\W+grinding|jaw\\W+(?:tension|clenching)|tmj)\\b', True, 'prescription_medicine', 'high', 'CAP AdviceOnline “Botox and other prescription-only medicines”; ASA enforcement notice on Botox (2020)', 'A nickname or hint for botulinum toxin (a prescription-only medicine) counts as advertising it.'),
    ('\\bhay\\W?fever\\W+(?:[^\\W_]+\\W+){1,2}(?:injections?|jabs?|shots?)\\b|\\b(?:injections?|jabs?|shots?)\\W+(?:[^\\W_]+\\W+){0,2}(?:for\\W+)?hay\\W?fever\\b', True, 'prescription_medicine', 'high', 'ASA rulings on hay-fever steroid injections (Kenalog) by clinics (2021); MHRA', 'Injections of this kind are prescription-only medicines and may not be advertised to the public.'),
    ('\\bglutathione\\b.{0,60}\\b(?:brighter|even\\W?(?:toned|tone)|lighter|whiter|fairer|luminous|radiant)\\b', True, 'claim', 'high', 'ASA rulings on skin-lightening claims for glutathione (2021–2023); CAP Code 12.1', 'Glutathione is sold for skin lightening; brightening claims for it are unsupported.'),
    ('\\b(?:lose|losing|shed|shedding|drop|dropping|erase|erases|remove|removes|lift|lifts|tighten|tightens|transform|transforms)\\W+(?:[^\\W_]+\\W+){0,2}(?:instantly|immediately|overnight)\\b', True, 'claim', 'high', 'CAP Code 3.7 and 12.1 (objective claims need robust evidence); CAP AdviceOnline “Cosmetic interventions”', 'Instant results are rarely what patients see; describe a typical timeline.'),
    ('\\b(?:completely|entirely|totally|fully)\\W+(?:dissolv|remov|eliminat|clear|eras|destroy|banish|get\\W+rid)\\w*|\\b(?:dissolv|remov|eliminat|clear|eras|destroy|banish)\\w*\\W+(?:[^\\W_]+\\W+){0,3}(?:completely|entirely|totally)\\b', True, 'claim', 'high', 'CAP Code 3.7 and 12.1 (objective claims need robust evidence); CAP AdviceOnline “Cosmetic interventions”', 'Removing a problem completely is an absolute claim; say the treatment may reduce it.'),
    ('\\b(?:book|buy|pay\\W+for)\\W+(?:\\d+|two|three|four|five)\\W+(?:[^\\W_]+\\W+)?(?:and\\W+)?(?:get|receive)\\W+(?:the\\W+|a\\W+|your\\W+)?(?:\\d+(?:st|nd|rd|th)?|second|third|fourth|fifth|sixth|next|another|one)\\W+(?:[^\\W_]+\\W+)?(?:free|half\\W+price)\\b', True, 'pressure', 'medium', 'CAP Code 8.x; CAP guidance on cosmetic interventions (no bulk or bargain offers)', 'Bulk offers encourage more treatment than needed and rush the decision.'),
    ('\\bleaving\\W+cert\\w*|\\bjunior\\W+cert\\w*|\\bjunior\\W+cycle\\b|\\btransition\\W+year\\b', True, 'under_18', 'high', 'CAP Code 12.25 (in force 25 May 2022) and 5.x; CAP Advertising Guidance “Cosmetic interventions”; ASAI rulings on school-exam themed offers', 'School exams are sat by pupils, so this reads as aimed at under-18s.'),
    ('(?<![^\\W_])#(?:fyp\\w*|foryou\\w*|tiktok\\w*|snapchat\\w*|genz\\w*|teen\\w*|schoolgirl\\w*|prom\\w*|sweet16\\w*|debs\\w*)', True, 'under_18', 'medium', 'CAP Code 12.25 (in force 25 May 2022) and 5.x; CAP Advertising Guidance “Cosmetic interventions”; ASA rulings on cosmetic ads on youth platforms', 'Hashtags of youth platforms and teen events aim a post at under-18s.'),
]  # fmt: skip


def seed(apps, schema_editor):
    ComplianceTerm = apps.get_model("clinic", "ComplianceTerm")
    ComplianceTermChange = apps.get_model("clinic", "ComplianceTermChange")
    for phrase, is_pattern, kind, severity, source, explanation in TERMS:
        term, created = ComplianceTerm.objects.get_or_create(
            phrase=phrase,
            defaults={
                "is_pattern": is_pattern,
                "kind": kind,
                "severity": severity,
                "source": source,
                "explanation": explanation,
            },
        )
        if created:
            ComplianceTermChange.objects.create(
                term=term, phrase=phrase, action="added", details="Researched set, second edition"
            )


def unseed(apps, schema_editor):
    # Going back removes only the rows this migration added and nobody has changed since.
    ComplianceTerm = apps.get_model("clinic", "ComplianceTerm")
    for phrase, is_pattern, kind, severity, source, explanation in TERMS:
        ComplianceTerm.objects.filter(
            phrase=phrase, is_pattern=is_pattern, kind=kind, severity=severity, source=source, explanation=explanation
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("clinic", "0010_merge_enquiry_topics_and_compliance")]

    operations = [migrations.RunPython(seed, unseed)]
