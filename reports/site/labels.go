package site

import "strategytracker/model"

// words are the site's own texts; the statuses come from model's labels.
var words = map[model.Lang]map[string]string{
	model.BG: {
		"langName": "Български", "skip": "Към съдържанието", "home": "Начало", "measures": "Мерки", "openData": "Отворени данни",
		"nav": "Основна навигация", "langSwitch": "Език", "asOf": "Данни към", "progress": "Напредък", "expected": "Очакван напредък",
		"overall": "Общ напредък", "statusCounts": "Мерки по състояние", "areas": "Приоритетни области", "area": "Област",
		"measure": "Мярка", "code": "Код", "title": "Наименование", "leadUnit": "Водещо звено", "partners": "Партньори",
		"responsible": "Отговорник", "start": "Начална дата", "end": "Крайна дата", "status": "Състояние", "goals": "Стратегически цели",
		"description": "Описание", "milestones": "Етапи", "due": "Срок", "completed": "Изпълнен на", "state": "Състояние на етапа",
		"note": "Бележка", "evidence": "Доказателство", "kpis": "Индикатори", "latestUpdate": "Последна информация",
		"revisions": "Промени в приетия план", "budget": "Бюджет", "planned": "Планиран", "spent": "Изразходван",
		"execution": "Изпълнение на бюджета", "funding": "Източници на финансиране", "none": "няма", "count": "Брой",
		"measuresOf": "Мерки в областта", "allMeasures": "Всички мерки", "filter": "Търсене", "filterArea": "Област",
		"filterStatus": "Състояние", "all": "всички", "shown": "Показани мерки:", "of": "от", "inAll": "общо %d", "prevPage": "Предишните %d", "nextPage": "Следващите %d", "sortHint": "Подредете по колона с бутоните в заглавията.",
		"baseline": "Базова стойност", "target": "Целева стойност", "latest": "Последна стойност", "attainment": "Постигнато",
		"unitOfMeasure": "Мерна единица", "kind": "Вид", "values": "Стойности", "date": "Дата", "value": "Стойност", "source": "Източник",
		"noValues": "Все още няма измерени стойности.", "chartOf": "Графика", "overridden": "Състоянието е определено ръчно",
		"reason": "Основание", "field": "Показател", "original": "Първоначално", "current": "Сега", "revisedOn": "Променено на",
		"licence": "Лиценз на данните", "generated": "Публикувано със Strategy Tracker.", "dataIntro": "Данните на този сайт са свободни за повторна употреба. За Excel и LibreOffice изтеглете работната книга: по един лист на таблица, заглавия на български и английски. За програми всяка таблица е и CSV файл (UTF-8, разделител запетая) с описание на колоните в datapackage.json (Frictionless Data).",
		"files": "Файлове", "zip": "Всички данни в един ZIP архив", "xlsx": "Всички таблици в една работна книга за Excel (.xlsx)",
		"readme": "Описание на файловете (README.txt)", "kB": "КБ", "MB": "МБ", "json": "Цялата публична част на стратегията в JSON",
		"datapackage": "Описание на таблиците (datapackage.json)", "columns": "Колони", "column": "Колона", "type": "Тип",
		"primaryKey": "Първичен ключ", "foreignKeys": "Външни ключове", "vision": "Визия", "period": "Период", "decision": "Решение",
		"output": "за продукт", "result": "за резултат", "impact": "за въздействие", "weight": "Тежест", "budgetTotal": "Общ бюджет",
		"milestonesDone": "Изпълнени етапи", "chooseLang": "Изберете език", "statusNotColour": "Състоянието е изписано с думи; цветът само го подчертава.",
		"noMeasures": "Няма публикувани мерки.", "demoNote": "Данните са измислени за демонстрация и не са официални.",
		"expectedMark": "очакван", "publicNote": "Показва се само публичната информация.", "table": "таблица", "rows": "реда", "row": "ред",
		"rev.end": "Крайна дата на мярката", "rev.plannedCents": "Планиран бюджет", "rev.milestone": "Етап", "rev.due": "срок",
		"rev.kpi": "Индикатор", "rev.targetValue": "целева стойност", "rev.targetDate": "срок за целевата стойност",
	},
	model.EN: {
		"langName": "English", "skip": "Skip to content", "home": "Home", "measures": "Measures", "openData": "Open data",
		"nav": "Main navigation", "langSwitch": "Language", "asOf": "Data as of", "progress": "Progress", "expected": "Expected progress",
		"overall": "Overall progress", "statusCounts": "Measures by status", "areas": "Priority areas", "area": "Area",
		"measure": "Measure", "code": "Code", "title": "Title", "leadUnit": "Lead unit", "partners": "Partners",
		"responsible": "Responsible", "start": "Start date", "end": "End date", "status": "Status", "goals": "Strategic goals",
		"description": "Description", "milestones": "Milestones", "due": "Due", "completed": "Completed on", "state": "Milestone state",
		"note": "Note", "evidence": "Evidence", "kpis": "Indicators", "latestUpdate": "Latest update",
		"revisions": "Revisions of the adopted plan", "budget": "Budget", "planned": "Planned", "spent": "Spent",
		"execution": "Budget execution", "funding": "Funding sources", "none": "none", "count": "Count",
		"measuresOf": "Measures in this area", "allMeasures": "All measures", "filter": "Search", "filterArea": "Area",
		"filterStatus": "Status", "all": "all", "shown": "Measures shown:", "of": "of", "inAll": "%d in all", "prevPage": "Previous %d", "nextPage": "Next %d", "sortHint": "Sort by a column with the buttons in the headings.",
		"baseline": "Baseline", "target": "Target", "latest": "Latest value", "attainment": "Attained",
		"unitOfMeasure": "Unit of measure", "kind": "Kind", "values": "Values", "date": "Date", "value": "Value", "source": "Source",
		"noValues": "No values measured yet.", "chartOf": "Chart", "overridden": "Status set by hand",
		"reason": "Reason", "field": "Field", "original": "Originally", "current": "Now", "revisedOn": "Revised on",
		"licence": "Licence of the data", "generated": "Published with Strategy Tracker.", "dataIntro": "The data on this site is free to reuse. For Excel and LibreOffice download the workbook: one sheet per table, headings in Bulgarian and English. For programs every table is also a CSV file (UTF-8, comma-separated) whose columns are described in datapackage.json (Frictionless Data).",
		"files": "Files", "zip": "All the data in one ZIP archive", "xlsx": "Every table in one Excel workbook (.xlsx)",
		"readme": "Description of the files (README.txt)", "kB": "KB", "MB": "MB", "json": "The whole public part of the strategy as JSON",
		"datapackage": "Description of the tables (datapackage.json)", "columns": "Columns", "column": "Column", "type": "Type",
		"primaryKey": "Primary key", "foreignKeys": "Foreign keys", "vision": "Vision", "period": "Period", "decision": "Decision",
		"output": "output", "result": "result", "impact": "impact", "weight": "Weight", "budgetTotal": "Total budget",
		"milestonesDone": "Milestones done", "chooseLang": "Choose a language", "statusNotColour": "Each status is written in words; its colour only underlines it.",
		"noMeasures": "No measures are published.", "demoNote": "The data is made up for demonstration and is not official.",
		"expectedMark": "expected", "publicNote": "Only public information is shown.", "table": "table", "rows": "rows", "row": "row",
		"rev.end": "End date of the measure", "rev.plannedCents": "Planned budget", "rev.milestone": "Milestone", "rev.due": "due date",
		"rev.kpi": "Indicator", "rev.targetValue": "target value", "rev.targetDate": "target date",
	},
}

// statusSymbol marks a status by shape as well as colour and word.
var statusSymbol = map[model.Status]string{
	model.StatusCompleted: "✔", model.StatusOnTrack: "●", model.StatusAtRisk: "▲",
	model.StatusDelayed: "■", model.StatusNotStarted: "○", model.StatusCancelled: "✕",
}

var stateSymbol = map[model.MilestoneState]string{
	model.StateDone: "✔", model.StateOverdue: "■", model.StateDueSoon: "▲", model.StatePending: "○", model.StateCancelled: "✕",
}
