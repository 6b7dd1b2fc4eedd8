package xlsx

// The plan workbook's refusals, in the language of the workbook they are
// about (as the update template's, importmsg.go): an office that filled
// in a Bulgarian plan workbook reads Bulgarian (issue 22: they were
// English only, with the adoption date written the Bulgarian way).
var (
	pmCodeTwice      = t("%s: кодът %q се среща два пъти (и на ред %d)", "%s: code %q is used twice (also row %d)")
	pmUsedTwice      = t("%s: %q се среща два пъти (и на ред %d)", "%s: %q is used twice (also row %d)")
	pmNotWhole       = t("%s: %s не е цяло число", "%s: %s is not a whole number")
	pmEmpty          = t("%s е празна", "%s is empty")
	pmNeedsReason    = t("%[1]s: промяната засяга плана, приет на %[3]s (%[2]s): напишете причината за нея в тази клетка", "%s: the change of %s alters the plan adopted on %s: write the reason for it in this cell")
	pmHeaderKey      = t("скритата колона A съдържа %q, а не поле на стратегията: оставете колона A такава, каквато е", "the hidden column A holds %q, not a field of the strategy: leave column A as it is")
	pmSamePerson     = t("този ред и ред %d са един и същи човек (%s)", "this row and row %d are the same person (%s)")
	pmNobody         = t("%s: никой няма e-mail (или име) %q — нито в стратегията, нито в лист %q", "%s: nobody has the e-mail (or name) %q, neither in the strategy nor in sheet %q")
	pmNoMeasure      = t("%s: мярка %q не съществува (нито в стратегията, нито в лист %q)", "%s: measure %q does not exist (neither in the strategy nor in sheet %q)")
	pmFundingApart   = t("%s: мярка %q не е в лист %q: финансирането на мярка се променя заедно с нейния ред там", "%s: measure %q is not in sheet %q: the funding of a measure is changed together with its row there")
	pmReasonNoStatus = t("%s: причина без статус: изберете статуса или изтрийте причината", "%s: a reason without a status: choose the status or clear the reason")
	pmInvalidValue   = t("промяната би направила измерена стойност невалидна: %s", "the change would make a measured value invalid: %s")
	pmRowID          = t("скритата колона A съдържа %q, а не идентификатор на ред: оставете колона A такава, каквато е (празна за нови редове)", "the hidden column A holds %q, not a row id: leave column A as it is (empty for new rows)")
	pmNotUTF8        = t("%s: текстът не е валиден UTF-8", "%s: the text is not valid UTF-8")
	pmNotOneOf       = t("%s: %q не е от %s", "%s: %q is not one of %s")
)
