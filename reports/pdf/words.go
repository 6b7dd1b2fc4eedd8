package pdf

import "strategytracker/model"

// words are the fixed texts of the report in one language. Texts of the
// data (titles, names, updates) come from the document in the chosen
// language with the model's fallback to the other.
type words struct {
	report        string // "Implementation report"
	addressee     string // the line above the title on the cover
	asOf          string // "as of %s"
	period        string
	dataAsOf      string
	adopted       string
	adoptedOn     string // "adopted on %s"
	comparedWith  string
	snapshotRef   string // "snapshot “%s” as of %s"
	noSnapshot    string
	preparedBy    string
	made          string
	vision        string
	demoNote      string
	page          string // "Page %d of %d"
	none          string // a dash for an empty value
	contents      string
	howToRead     string
	howStatuses   string
	statusMeaning map[model.Status]string
	howNotes      []string
	barLegend     string
	overrideMark  string

	summary        string
	overall        string
	expected       string // "expected %s"
	measures       string
	milestones     string
	budgetExec     string
	spentOf        string // "%s of %s"
	totalDone      string // "%s done in all"
	ofMeasures     string // "of %s measures"
	keyFigures     string
	keySince       string // "compared with snapshot “%s” (%s)"
	keyNoSince     string
	completedSince string
	overdueNow     string
	statusChanged  string
	byStatus       string
	byState        string
	count          string
	share          string
	state          string
	status         string
	areasByStatus  string
	budget         string
	planned        string
	spent          string
	execution      string
	fundingSource  string
	fundingNote    string
	total          string

	areasSection   string
	areaProgress   string
	code           string
	measure        string
	leadUnit       string
	end            string
	progress       string
	lastUpdate     string // "Update %s: "
	overriddenNote string // "* Status set by hand (computed: %s): "
	noMeasures     string
	continued      string
	notCounted     string // a cancelled measure's progress
	goalsNote      string // the goal bars count more measures than there are
	plannedBudget  string // the planned budget beside the funding total
	unfunded       string // their difference
	fundingDiffers string // "…: the measures %s"
	overPlan       string // a measure's funding or spending above its planned budget
	fundingSum     string // "общо %s при планиран бюджет %s"
	fundingNone    string // "няма източник за планирания бюджет %s"

	milestonesSection string
	overdueTitle      string
	upcomingTitle     string // "Due in the next %d days"
	noOverdue         string
	noUpcoming        string
	milestone         string
	responsible       string
	due               string
	daysOverdue       string

	kpiSection string
	kpi        string
	baseline   string
	target     string
	latest     string
	attainment string
	trend      string
	noKPIs     string
	noValue    string
	kpiKinds   map[model.KPIKind]string
	kpiMeasure string // "measure %s"

	changesSection  string
	changesIntro    string // "Compared with the previous report as of %s"
	changesNone     string // no earlier snapshot before %s
	statusChanges   string
	was             string
	now             string
	completedMs     string
	becameOverdue   string
	completedOn     string
	noChanges       string
	newMeasures     string
	removedMeasures string
	sha             string

	annex        string
	area         string
	goals        string
	partners     string
	term         string
	weight       string
	manual       string
	description  string
	funding      string
	override     string
	evidence     string
	note         string
	updates      string
	kpis         string
	noMilestones string
	completed    string
	keywords     string

	about             string
	keySentence       string
	keyChange         string
	keyBudget         string
	keyRevised        string // "N мерки", "M промени"
	revMeasure        [2]string
	revChange         [2]string
	thenChange        string
	thenGap           string
	gapLabel          string
	ahead             string
	noPrevious        string
	arrowsNote        string
	areaProgressTitle string
	progressNow       string
	progressThen      string
	change            string
	gapNow            string
	gapThen           string
	goalsByStatus     string
	dashboard         string
	memo              string
	to                string
	council           string
	from              string
	regarding         string
	adoptedOnLabel    string
	firstReport       string
	previousReport    string
	executive         string
	inBrief           string
	draftDecision     string
	signatures        string
	agreedBy          string
	submittedBy       string
	signature         string
	revisions         string
	field             string
	original          string
	current           string
	changedOn         string
	reason            string
	revisionsNote     string
	budgetByArea      string
	budgetByYear      string
	year              string
	byYearNote        string
	fundingTitle      string
	behindTitle       string
	moreInAnnex       string
	mostOverdue       string
	originally        string // "originally %s": an adopted value beside a revised one
	allMeasures       string
	allOverdue        string
	allKPIs           string
	cards             string
	annexIntro        string
	overdueDays       [2]string // for one day, for any other number
	atPrevious        string
	expectedShort     string
	noChange          string
	kpiExceptions     string
	kpiMissed         string
	kpiStale          string
	kpiNoValue        string
	kpiNote           string
	changesMade       string
	changesBy         string
	untranslated      string
}

var bgWords = &words{
	report:            "Отчет за изпълнението",
	addressee:         "Доклад до Столичния общински съвет",
	asOf:              "към %s",
	period:            "Период на стратегията",
	dataAsOf:          "Данни към",
	adopted:           "Приета с",
	adoptedOn:         "приета на %s",
	comparedWith:      "В сравнение с",
	snapshotRef:       "снимка „%s“ към %s",
	noSnapshot:        "няма по-ранна снимка — първи отчет",
	preparedBy:        "Изготвил",
	made:              "Дата на изготвяне",
	vision:            "Визия",
	demoNote:          "Отчетът е изготвен върху демонстрационни данни.",
	page:              "Стр. %d от %d",
	none:              "—",
	contents:          "Съдържание",
	howToRead:         "Как да се чете отчетът",
	howStatuses:       "Статус на мярка",
	barLegend:         "Лентата показва напредъка на мярката, а тъмната черта — очаквания напредък към датата на отчета.",
	overrideMark:      "Статус, отбелязан със *, е зададен ръчно; причината е посочена под мярката.",
	summary:           "Резюме",
	overall:           "Общ напредък",
	expected:          "очакван %s",
	measures:          "Мерки",
	milestones:        "Етапи",
	budgetExec:        "Изпълнение на бюджета",
	spentOf:           "%s от %s",
	totalDone:         "общо изпълнени: %s",
	ofMeasures:        "от %s мерки",
	keyFigures:        "Ключови данни",
	keySince:          "спрямо снимка „%s“ към %s",
	keyNoSince:        "няма по-ранна снимка за сравнение",
	completedSince:    "Изпълнени етапи от последния отчет",
	overdueNow:        "Просрочени етапи",
	statusChanged:     "Мерки с променен статус",
	byStatus:          "Мерки по статус",
	byState:           "Етапи по състояние",
	count:             "Брой",
	share:             "Дял",
	state:             "Състояние",
	status:            "Статус",
	areasByStatus:     "Статус на мерките по приоритетни области",
	budget:            "Бюджет",
	planned:           "Планиран",
	spent:             "Изразходван",
	execution:         "Изпълнение",
	fundingSource:     "Източник на финансиране",
	fundingNote:       "Сумите по източници са планираното финансиране на мерките без прекратените. Разходите не се отчитат по източници: изразходваното е дадено по области и по години по-горе.",
	total:             "Общо",
	areasSection:      "Изпълнение по приоритетни области",
	areaProgress:      "Напредък на областта",
	code:              "Код",
	measure:           "Мярка",
	leadUnit:          "Водещо звено",
	end:               "Срок",
	progress:          "Напредък",
	lastUpdate:        "Актуализация от %s: ",
	overriddenNote:    "* Статусът е зададен ръчно (изчислен: %s). Причина: ",
	noMeasures:        "В областта няма мерки.",
	continued:         "(продължение)",
	notCounted:        "— (прекратена, не се включва в напредъка)",
	plannedBudget:     "Планиран бюджет на мерките",
	unfunded:          "Разлика спрямо финансирането по източници",
	fundingDiffers:    "Финансирането по източници не е равно на планирания бюджет при мерки %s.",
	overPlan:          "над планирания бюджет",
	fundingSum:        "общо %s при планиран бюджет %s",
	fundingNone:       "няма посочен източник за планирания бюджет %s",
	goalsNote:         "Една мярка може да служи на няколко цели, затова лентите по цели сочат общо %s мерки при %s мерки в стратегията.",
	milestonesSection: "Етапи",
	overdueTitle:      "Просрочени етапи",
	upcomingTitle:     "Етапи със срок през следващите %d дни",
	noOverdue:         "Няма просрочени етапи.",
	noUpcoming:        "Няма етапи със срок през този период.",
	milestone:         "Етап",
	responsible:       "Отговорник",
	due:               "Срок",
	daysOverdue:       "Дни просрочие",
	kpiSection:        "Показатели",
	kpi:               "Показател",
	baseline:          "Базова стойност",
	target:            "Целева стойност",
	latest:            "Последна стойност",
	attainment:        "Постигане",
	trend:             "Динамика",
	noKPIs:            "Няма определени показатели.",
	noValue:           "няма стойност",
	kpiKinds:          map[model.KPIKind]string{model.KPIOutput: "продукт", model.KPIResult: "резултат", model.KPIImpact: "въздействие"},
	kpiMeasure:        "мярка %s",
	changesSection:    "Промени от предходния отчет",
	changesIntro:      "Сравнение с предходния отчет към %s",
	changesNone:       "Това е първият отчет: няма предходен отчет, с който да бъде сравнен.",
	statusChanges:     "Промени в статуса на мерките",
	was:               "Беше",
	now:               "Сега",
	completedMs:       "Изпълнени етапи",
	becameOverdue:     "Етапи, станали просрочени",
	completedOn:       "Изпълнен",
	noChanges:         "Няма.",
	newMeasures:       "Нови мерки след предходния отчет: %s.",
	removedMeasures:   "Мерки, премахнати след предходния отчет: %s.",
	sha:               "SHA-256 на снимката: %s",
	annex:             "Приложение № 1. Подробни данни",
	area:              "Област",
	goals:             "Цели",
	partners:          "Партньори",
	term:              "Период",
	weight:            "Тежест",
	manual:            "Ръчен напредък",
	description:       "Описание",
	funding:           "Финансиране",
	override:          "Ръчен статус",
	evidence:          "Доказателство",
	note:              "Бележка",
	updates:           "Актуализации",
	kpis:              "Показатели",
	noMilestones:      "Мярката няма етапи; напредъкът е въведен ръчно.",
	completed:         "Изпълнен",
	keywords:          "стратегия, дигитална трансформация, София, отчет за изпълнението, общински съвет",
	about:             "Отчет за изпълнението на %s към %s",
	keySentence:       "Към %s общият напредък на стратегията е %s при очакван %s. От %s мерки %s са изпълнени, %s са в срок, %s са с риск и %s са забавени; просрочените етапи са %s.",
	keyChange:         "При предходния отчет към %s напредъкът беше %s (промяна %s).",
	keyBudget:         "Изразходвани са %s от планираните %s (%s).",
	keyRevised:        "След приемането на плана са променени срокове, цели или бюджети на %s (%s).",
	revMeasure:        [2]string{"мярка", "мерки"},
	revChange:         [2]string{"промяна", "промени"},
	thenChange:        "предходен отчет: %s · %s",
	thenGap:           "предходен отчет: %s",
	gapLabel:          "Изоставане от очаквания напредък (очакван %s)",
	ahead:             "напред",
	noPrevious:        "няма предходен отчет за сравнение",
	arrowsNote:        "Стрелките показват промяната в броя спрямо предходния отчет.",
	areaProgressTitle: "Напредък по приоритетни области",
	progressNow:       "Напредък сега",
	progressThen:      "Предходен отчет",
	change:            "Промяна",
	gapNow:            "Изоставане сега",
	gapThen:           "Изоставане преди",
	goalsByStatus:     "Мерки по стратегически цели и статус",
	dashboard:         "Табло на изпълнението",
	memo:              "Доклад",
	to:                "До",
	council:           "Столичния общински съвет",
	from:              "От",
	regarding:         "Относно",
	adoptedOnLabel:    "Приета на",
	firstReport:       "няма — това е първият отчет",
	previousReport:    "предходния отчет към %s",
	executive:         "Коментар на отчетния период",
	inBrief:           "Накратко",
	draftDecision:     "Проект на решение",
	signatures:        "Изготвил, съгласували, вносител",
	agreedBy:          "Съгласували",
	submittedBy:       "Вносител",
	signature:         "(подпис)",
	revisions:         "Промени в приетия план",
	field:             "Поле",
	original:          "Първоначално",
	current:           "Сега",
	changedOn:         "Дата",
	reason:            "Причина",
	revisionsNote:     "Статусът и напредъкът се изчисляват по текущите стойности; първоначалните са дадени за сравнение.",
	budgetByArea:      "Бюджет по приоритетни области",
	budgetByYear:      "Бюджет по години",
	year:              "Година",
	byYearNote:        "Планираната сума на всяка мярка е разпределена по календарните години на срока ѝ пропорционално на дните, закръглена до евроцент, като остатъкът е в последната година; изразходваната сума — по същия начин по годините от началото на мярката до датата на отчета. Прекратените мерки не са включени.",
	fundingTitle:      "Бюджет по източници на финансиране",
	behindTitle:       "Мерки, които изостават",
	moreInAnnex:       "Още %s — в Приложение № 1.",
	mostOverdue:       "Най-просрочените %s от %s просрочени етапа",
	originally:        "първоначално %s",
	allMeasures:       "Всички мерки по приоритетни области",
	allOverdue:        "Всички просрочени етапи",
	allKPIs:           "Всички показатели",
	cards:             "Карти на мерките",
	annexIntro:        "Приложението съдържа пълните списъци, от които са взети изключенията в доклада, и карта на всяка мярка.",
	overdueDays:       [2]string{"просрочен\n(%s\u00a0ден)", "просрочен\n(%s\u00a0дни)"},
	atPrevious:        "Предходен отчет",
	expectedShort:     "очаквано %s",
	noChange:          "без промяна",
	kpiExceptions:     "Показани са %s показателя с отклонения от общо %s; всички са в Приложение № 1.",
	kpiMissed:         "Целевата дата %s е минала, а целта не е постигната.",
	kpiStale:          "Последната стойност е от %s и не е актуализирана.",
	kpiNoValue:        "Няма измерена стойност.",
	kpiNote:           "Постигането е изминатата част от пътя между базовата и целевата стойност; очакваното — изтеклата част от времето между базовата и целевата дата. В червено — изоставане с над 25 пункта.",
	changesMade:       "Той е изготвен на %s",
	changesBy:         "от %s",
	untranslated:      "[без превод]",

	statusMeaning: map[model.Status]string{
		model.StatusCompleted:  "всички етапи са изпълнени (без етапи: ръчният напредък е 100 %)",
		model.StatusOnTrack:    "няма просрочени етапи и напредъкът изостава с не повече от 25 пункта от очаквания",
		model.StatusAtRisk:     "етап е просрочен с до 60 дни или напредъкът изостава с над 25 пункта от очаквания",
		model.StatusDelayed:    "крайният срок е минал или етап е просрочен с повече от 60 дни",
		model.StatusNotStarted: "мярката още не е започнала и няма напредък",
		model.StatusCancelled:  "мярката е прекратена; не влиза в напредъка и бюджета",
	},
	howNotes: []string{
		"Напредъкът на мярка е делът на изпълнените етапи, претеглен с тежестта им; за мярка без етапи — въведеният ръчно напредък.",
		"Очакваният напредък е изтеклата към датата на отчета част от срока на мярката.",
		"Напредъкът на област и на стратегията е средното, претеглено с тежестта на мерките, без прекратените мерки.",
		"Етап е просрочен, когато срокът му е минал, а не е изпълнен; наближава, когато срокът е в следващите 30 дни.",
		"Промените се изчисляват спрямо предходния отчет — последния с дата преди датата на този. Сумите са в евро.",
	},
}

var enWords = &words{
	report:            "Implementation report",
	addressee:         "Report to Sofia Municipal Council",
	asOf:              "as of %s",
	period:            "Strategy period",
	dataAsOf:          "Data as of",
	adopted:           "Adopted by",
	adoptedOn:         "adopted on %s",
	comparedWith:      "Compared with",
	snapshotRef:       "snapshot “%s” as of %s",
	noSnapshot:        "no earlier snapshot — first report",
	preparedBy:        "Prepared by",
	made:              "Date prepared",
	vision:            "Vision",
	demoNote:          "This report was made from demonstration data.",
	page:              "Page %d of %d",
	none:              "—",
	contents:          "Contents",
	howToRead:         "How to read this report",
	howStatuses:       "Measure status",
	barLegend:         "The bar shows a measure's progress; the dark tick marks the progress expected by the report date.",
	overrideMark:      "A status marked * was set by hand; the reason is given under the measure.",
	summary:           "Executive summary",
	overall:           "Overall progress",
	expected:          "expected %s",
	measures:          "Measures",
	milestones:        "Milestones",
	budgetExec:        "Budget execution",
	spentOf:           "%s of %s",
	totalDone:         "%s done in all",
	ofMeasures:        "of %s measures",
	keyFigures:        "Key figures",
	keySince:          "compared with snapshot “%s” as of %s",
	keyNoSince:        "no earlier snapshot to compare with",
	completedSince:    "Milestones completed since the last report",
	overdueNow:        "Milestones overdue",
	statusChanged:     "Measures whose status changed",
	byStatus:          "Measures by status",
	byState:           "Milestones by state",
	count:             "Count",
	share:             "Share",
	state:             "State",
	status:            "Status",
	areasByStatus:     "Measure status by priority area",
	budget:            "Budget",
	planned:           "Planned",
	spent:             "Spent",
	execution:         "Execution",
	fundingSource:     "Funding source",
	fundingNote:       "Amounts by source are the planned funding of the measures, leaving out cancelled ones. Spending is not recorded per source: the amount spent is given by area and by year above.",
	total:             "Total",
	areasSection:      "Implementation by priority area",
	areaProgress:      "Area progress",
	code:              "Code",
	measure:           "Measure",
	leadUnit:          "Lead unit",
	end:               "End",
	progress:          "Progress",
	lastUpdate:        "Update of %s: ",
	overriddenNote:    "* Status set by hand (computed: %s). Reason: ",
	noMeasures:        "The area has no measures.",
	continued:         "(continued)",
	notCounted:        "— (cancelled, not counted in progress)",
	plannedBudget:     "Planned budget of the measures",
	unfunded:          "Difference from the funding by source",
	fundingDiffers:    "The funding by source does not equal the planned budget for measures %s.",
	overPlan:          "above the planned budget",
	fundingSum:        "%s in all against a planned budget of %s",
	fundingNone:       "no source given for the planned budget of %s",
	goalsNote:         "A measure may serve several goals, so the goal bars count %s measures in all for the strategy's %s.",
	milestonesSection: "Milestones",
	overdueTitle:      "Overdue milestones",
	upcomingTitle:     "Milestones due in the next %d days",
	noOverdue:         "No milestone is overdue.",
	noUpcoming:        "No milestone falls due in this period.",
	milestone:         "Milestone",
	responsible:       "Responsible",
	due:               "Due",
	daysOverdue:       "Days overdue",
	kpiSection:        "Indicators",
	kpi:               "Indicator",
	baseline:          "Baseline",
	target:            "Target",
	latest:            "Latest value",
	attainment:        "Attainment",
	trend:             "Trend",
	noKPIs:            "No indicators are defined.",
	noValue:           "no value",
	kpiKinds:          map[model.KPIKind]string{model.KPIOutput: "output", model.KPIResult: "result", model.KPIImpact: "impact"},
	kpiMeasure:        "measure %s",
	changesSection:    "Changes since the previous report",
	changesIntro:      "Compared with the previous report as of %s",
	changesNone:       "This is the first report: there is no previous report to compare it with.",
	statusChanges:     "Measures whose status changed",
	was:               "Was",
	now:               "Now",
	completedMs:       "Milestones completed",
	becameOverdue:     "Milestones that became overdue",
	completedOn:       "Completed",
	noChanges:         "None.",
	newMeasures:       "Measures added since the previous report: %s.",
	removedMeasures:   "Measures removed since the previous report: %s.",
	sha:               "Snapshot SHA-256: %s",
	annex:             "Annex 1. Detailed data",
	area:              "Area",
	goals:             "Goals",
	partners:          "Partners",
	term:              "Period",
	weight:            "Weight",
	manual:            "Manual progress",
	description:       "Description",
	funding:           "Funding",
	override:          "Status set by hand",
	evidence:          "Evidence",
	note:              "Note",
	updates:           "Updates",
	kpis:              "Indicators",
	noMilestones:      "The measure has no milestones; its progress is entered by hand.",
	completed:         "Completed",
	keywords:          "strategy, digital transformation, Sofia, implementation report, municipal council",
	about:             "Implementation report on the %s as of %s",
	keySentence:       "As of %s, overall progress is %s against %s expected. Of %s measures, %s are completed, %s on track, %s at risk and %s delayed; overdue milestones: %s.",
	keyChange:         "At the previous report, as of %s, progress was %s (a change of %s).",
	keyBudget:         "%s of the planned %s has been spent (%s).",
	keyRevised:        "Since the plan was adopted, the deadlines, targets or budgets of %s have been changed (%s).",
	revMeasure:        [2]string{"measure", "measures"},
	revChange:         [2]string{"change", "changes"},
	thenChange:        "previous report: %s · %s",
	thenGap:           "previous report: %s",
	gapLabel:          "Behind expected progress (expected %s)",
	ahead:             "ahead",
	noPrevious:        "no previous report to compare with",
	arrowsNote:        "The arrows show the change in each count since the previous report.",
	areaProgressTitle: "Progress by priority area",
	progressNow:       "Progress now",
	progressThen:      "Previous report",
	change:            "Change",
	gapNow:            "Behind now",
	gapThen:           "Behind then",
	goalsByStatus:     "Measures by strategic goal and status",
	dashboard:         "At a glance",
	memo:              "Report",
	to:                "To",
	council:           "Sofia Municipal Council",
	from:              "From",
	regarding:         "Regarding",
	adoptedOnLabel:    "Adopted on",
	firstReport:       "none — this is the first report",
	previousReport:    "the previous report as of %s",
	executive:         "Commentary on the period",
	inBrief:           "In brief",
	draftDecision:     "Draft decision",
	signatures:        "Prepared, agreed and submitted by",
	agreedBy:          "Agreed by",
	submittedBy:       "Submitted by",
	signature:         "(signature)",
	revisions:         "Changes to the adopted plan",
	field:             "Field",
	original:          "Original",
	current:           "Current",
	changedOn:         "Date",
	reason:            "Reason",
	revisionsNote:     "Status and progress use the current values; the original ones are shown for comparison.",
	budgetByArea:      "Budget by priority area",
	budgetByYear:      "Budget by year",
	year:              "Year",
	byYearNote:        "Each measure's planned amount is spread over the calendar years of its term in proportion to the days, rounded to the cent, with the remainder in the last year; the amount spent likewise over the years from the measure's start to the report date. Cancelled measures are left out.",
	fundingTitle:      "Budget by funding source",
	behindTitle:       "Measures behind schedule",
	moreInAnnex:       "%s more in Annex 1.",
	mostOverdue:       "The %s most overdue of %s overdue milestones",
	originally:        "originally %s",
	allMeasures:       "All measures by priority area",
	allOverdue:        "All overdue milestones",
	allKPIs:           "All indicators",
	cards:             "Measure cards",
	annexIntro:        "The annex holds the full lists from which the report's exceptions are taken, and a card for every measure.",
	overdueDays:       [2]string{"overdue\n(%s\u00a0day)", "overdue\n(%s\u00a0days)"},
	atPrevious:        "Previous report",
	expectedShort:     "expected %s",
	noChange:          "no change",
	kpiExceptions:     "Shown: %s indicators with exceptions, of %s in all; every indicator is in Annex 1.",
	kpiMissed:         "The target date, %s, has passed without the target reached.",
	kpiStale:          "The latest value dates from %s and has not been updated.",
	kpiNoValue:        "No value has been measured.",
	kpiNote:           "Attainment is the share of the way from baseline to target covered; expected is the share of the time from the baseline date to the target date passed. In red: more than 25 points behind.",
	changesMade:       "It was prepared on %s",
	changesBy:         "by %s",
	untranslated:      "[not translated]",

	statusMeaning: map[model.Status]string{
		model.StatusCompleted:  "every milestone is done (without milestones: manual progress is 100%)",
		model.StatusOnTrack:    "no milestone overdue and progress no more than 25 points behind expected",
		model.StatusAtRisk:     "a milestone up to 60 days overdue, or progress more than 25 points behind expected",
		model.StatusDelayed:    "past its end date, or a milestone more than 60 days overdue",
		model.StatusNotStarted: "the measure has not started and has no progress",
		model.StatusCancelled:  "the measure was cancelled; it counts in neither progress nor budget",
	},
	howNotes: []string{
		"A measure's progress is the share of its milestones done, weighted by their weights; without milestones, the progress entered by hand.",
		"Expected progress is the share of the measure's term that has passed by the report date.",
		"Area and overall progress are averages weighted by the measures' weights, leaving out cancelled measures.",
		"A milestone is overdue when its due date has passed and it is not done; due soon when it falls due within 30 days.",
		"Changes are computed against the previous report, the latest dated before this one. Amounts are in euro.",
	},
}

func wordsFor(lang model.Lang) *words {
	if lang == model.EN {
		return enWords
	}
	return bgWords
}
