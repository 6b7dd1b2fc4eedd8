package xlsx

import (
	"fmt"

	"strategytracker/assets"
	"strategytracker/model"
)

// The import's messages, in the language of the template they are about:
// a coordinator who filled in a Bulgarian template reads Bulgarian.
var (
	msgNoID          = t("редът няма идентификатор в скритата колона A: в шаблона не могат да се добавят редове; попълнете редовете, които има", "the row has no id in the hidden column A: rows cannot be added to the template; fill in the rows it has")
	msgBadID         = t("скритата колона A съдържа %q, а не идентификатор на ред: скритите клетки на шаблона не бива да се променят", "the hidden column A holds %q, not a row id: the template's hidden cells must not be changed")
	msgFormula       = t("клетка %s съдържа формулата =%s без изчислена стойност: въведете самата стойност", "cell %s holds the formula =%s without a computed value: type the value itself")
	msgNotUTF8       = t("клетка %s съдържа текст, който не е валиден UTF-8 (байтове, които не са знаци, напр. от файл с друго кодиране): въведете или поставете текста отново", "cell %s holds text that is not valid UTF-8 (bytes that are no character, e.g. from a file of another encoding): retype or paste it again as text")
	msgCell          = t("клетка %s (%q)", "cell %s (%q)")
	msgValueNoDate   = t("%s: датата на новата стойност е празна", "%s: the date of the new value is empty")
	msgValueEmpty    = t("%s: новата стойност е празна", "%s: the new value is empty")
	msgUpdateNoDate  = t("%s: датата на актуализацията е празна", "%s: the date of the update is empty")
	msgNotPercent    = t("%s: %q не е процент", "%s: %q is not a percentage")
	msgNotDate       = t("%q не е дата", "%s is not a date")
	msgInvalidDate   = t("%q не е валидна дата", "%q is not a valid date")
	msgNotYesNo      = t("%q не е нито „да“, нито „не“ (да/не, yes/no)", "%q is neither yes nor no (да/не, yes/no)")
	msgNotNumber     = t("%q не е число (пишете го като 1234,5, 1 234,5, 1234.5 или 1,234.5)", "%q is not a number (write it as 1234,5, 1 234,5, 1234.5 or 1,234.5)")
	msgNumberYesNo   = t("%q е стойност да/не, а не число", "%q is a yes/no value, not a number")
	msgNumberError   = t("клетката съдържа грешката %s, а не число", "the cell holds the error %s, not a number")
	msgNumberIsDate  = t("%q е дата, а не число", "%q is a date, not a number")
	msgNumberDateFmt = t("клетката съдържа дата (пореден номер %s), а не число", "the cell holds a date (serial %s), not a number")
	msgRowCheck      = t("скритият идентификатор на реда (%d) не отговаря на показаното в реда (мярка %s, %s): скритите клетки на шаблона са променени; направете нов шаблон и го попълнете отново", "the row's hidden id (%d) does not belong to what the row shows (measure %s, %s): the template's hidden cells were changed; make a new template and fill it in again")
	msgKeyRow        = t("скритият ключ в клетка %s е %q, а в шаблона там е %q: скритите клетки на шаблона са променени и на нито един ред от листа не може да се вярва; направете нов шаблон и го попълнете отново", "the hidden key in cell %s is %q where the template has %q: the template's hidden cells were changed, so no row of this sheet can be trusted; make a new template and fill it in again")
	msgOtherDB       = t("шаблонът е направен от друг файл с данни (%s), а не от този (%s): направете нов шаблон от този файл", "the template was made from another database (%s), not from this one (%s): make a new template from this file")
	msgRepeats       = t("този ред повтаря ред %d (идентификатор %d): всеки ред от шаблона може да се срещне веднъж", "this row repeats row %d (id %d): each row of the template may appear once")
	msgNotInTemplate = t("%s не е бил в този шаблон: скритите клетки на шаблона не бива да се променят", "%s was not in this template: the template's hidden cells must not be changed")
	msgStale         = t("%s %d е променен в базата данни след изготвянето на шаблона (версия %d, шаблонът има %d): направете нов шаблон и го попълнете отново", "%s %d was changed in the database after the template was made (version %d, the template has %d): make a new template and fill it in again")
	msgNoMilestone   = t("етап %d не съществува в този файл", "milestone %d does not exist in this database")
	msgNoMeasure     = t("мярка %d не съществува в този файл", "measure %d does not exist in this database")
	msgNoKPI         = t("показател %d не съществува в този файл", "KPI %d does not exist in this database")
	msgHasMilestones = t("мярка %s има етапи: напредъкът ѝ се изчислява от тях, а не от процент", "measure %s has milestones: its progress comes from them, not from a percentage")
	msgOneValueADay  = t("показател %d %s вече има стойност на %s (%s, а не %s): показателят има по една стойност на ден; поправете я в приложението", "KPI %d %s already has a value on %s (%s, not %s): a KPI has one value a day; correct it in the application")
	msgWhatMilestone = t("етап %d %s", "milestone %d %s")
	msgWhatMeasure   = t("мярка %s", "measure %s")
	msgColon         = t("%s: %s", "%s: %s")
	msgEntity        = map[model.Entity]model.Text{model.EntityMilestone: t("етап", "milestone"), model.EntityMeasure: t("мярка", "measure")}
)

// entityName is the name of an entity for a message in lang.
func entityName(e model.Entity, lang model.Lang) string {
	if m, ok := msgEntity[e]; ok {
		return m.In(lang)
	}
	return string(e)
}

// say formats m in lang.
func say(lang model.Lang, m model.Text, args ...any) string { return fmt.Sprintf(m.In(lang), args...) }

// modelMessage is the message of a model error (validation, permission)
// in lang, by the error's codes (model.Say over the translation files):
// the row it is about is the problem's sheet and row.
func modelMessage(err error, lang model.Lang) string {
	return model.Say(err, func(key string) (string, bool) { return assets.Text(string(lang), key) })
}
