package pdf

import "strategytracker/model"

// YearBudget is the part of the budget that falls in one calendar year;
// the rule that apportions it is model.BudgetByYear, shared with the
// progress workbook.
type YearBudget = model.YearBudget
