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
	doneOverdue    string // "%s done · %s overdue"
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
	changesIntro    string // "Compared with snapshot “%s” as of %s, made on %s by %s."
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
}

var bgWords = &words{
	report:            "Отчет за изпълнението",
	addressee:         "Доклад до Столичния общински съвет",
	asOf:              "към %s",
	period:            "Период на стратегията",
	dataAsOf:          "Данни към",
	adopted:           "Приета с",
	adoptedOn:         "приета на %s",
	comparedWith:      "Сравнение с",
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
	doneOverdue:       "%s изпълнени · %s просрочени",
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
	fundingNote:       "Сумите по източници са планираното финансиране на мерките без прекратените. Разходите не се отчитат по източници: изразходваната сума и изпълнението на бюджета са дадени общо в началото на резюмето.",
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
	changesSection:    "Промени от последния отчет",
	changesIntro:      "Сравнение със снимка „%s“ към %s, направена на %s от %s.",
	changesNone:       "Няма снимка с дата преди %s, затова промените не могат да бъдат изчислени. Това е първият отчет; направете снимка (команда snapshot), за да бъде той основа за сравнение в следващия.",
	statusChanges:     "Промени в статуса на мерките",
	was:               "Беше",
	now:               "Сега",
	completedMs:       "Изпълнени етапи",
	becameOverdue:     "Етапи, станали просрочени",
	completedOn:       "Изпълнен",
	noChanges:         "Няма.",
	newMeasures:       "Нови мерки след снимката: %s.",
	removedMeasures:   "Мерки, премахнати след снимката: %s.",
	sha:               "SHA-256 на снимката: %s",
	annex:             "Приложение. Карти на мерките",
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
		"Промените се изчисляват спрямо последната снимка с дата преди датата на отчета. Сумите са в евро.",
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
	doneOverdue:       "%s done · %s overdue",
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
	fundingNote:       "Amounts by source are the planned funding of the measures, leaving out cancelled ones. Spending is not recorded per source: the amount spent and budget execution are given for the whole budget at the top of the summary.",
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
	changesSection:    "Changes since the last report",
	changesIntro:      "Compared with snapshot “%s” as of %s, made on %s by %s.",
	changesNone:       "There is no snapshot dated before %s, so changes cannot be computed. This is the first report; take a snapshot (the snapshot command) so that the next report can compare with it.",
	statusChanges:     "Measures whose status changed",
	was:               "Was",
	now:               "Now",
	completedMs:       "Milestones completed",
	becameOverdue:     "Milestones that became overdue",
	completedOn:       "Completed",
	noChanges:         "None.",
	newMeasures:       "Measures added since the snapshot: %s.",
	removedMeasures:   "Measures removed since the snapshot: %s.",
	sha:               "Snapshot SHA-256: %s",
	annex:             "Annex. Measure cards",
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
		"Changes are computed against the latest snapshot dated before the report date. Amounts are in euro.",
	},
}

func wordsFor(lang model.Lang) *words {
	if lang == model.EN {
		return enWords
	}
	return bgWords
}
