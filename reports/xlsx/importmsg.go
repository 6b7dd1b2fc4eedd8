package xlsx

import (
	"fmt"
	"regexp"
	"strings"

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

// modelMessages are Bulgarian forms of the model's messages that an import
// can meet (validation and permission, DESIGN.md §1 and §3), matched on
// the English text after the row it names and the field are translated; a
// message not listed stays in English.
var modelMessages = []struct {
	re *regexp.Regexp
	bg string
}{
	{regexp.MustCompile(`^(.+) \((\S+)\) is in the future \(today is (\S+)\)$`), "$1 ($2) е в бъдещето (днес е $3)"},
	{regexp.MustCompile(`^(.+) \((\S+)\) is outside 2000–2100$`), "$1 ($2) е извън 2000–2100"},
	{regexp.MustCompile(`^(.+) \((\S+)\) is before the KPI's baseline date \((\S+)\)$`), "$1 ($2) е преди базовата дата на показателя ($3)"},
	{regexp.MustCompile(`^(.+) (".*") is not an http\(s\) link$`), "$1 $2 не е http(s) връзка"},
	{regexp.MustCompile(`^(.+) is (\d+) characters long; the limit is (\d+)$`), "$1: $2 знака при допустими $3"},
	{regexp.MustCompile(`^manualProgress must be between 0 and 100 \(is (.*)\)$`), "напредъкът трябва да е между 0 и 100 (е $1)"},
	{regexp.MustCompile(`^(.+) is (.*); it must be between (.*) and (.*)$`), "$1 е $2; трябва да е между $3 и $4"},
	{regexp.MustCompile(`^(.+) is empty$`), "$1: липсва"},
	{regexp.MustCompile(`^(.+) is a council member and may not change anything$`), "$1 е общински съветник и не може да променя нищо"},
	{regexp.MustCompile(`^(.+) may not change measure (\S+): it is led by unit (\S+) and .* coordinates only unit (\S+)'s measures and those they are responsible for$`), "$1 няма право да променя мярка $2: тя се води от звено $3, а координаторът отговаря само за мерките на звено $4 и за тези, на които е отговорник"},
	{regexp.MustCompile(`^(.+) is a coordinator and may not (.*): coordinators change only .*$`), "$1 е координатор и няма право да промени това ($2): координаторите променят само изпълнението, бележките, доказателствата и отмяната на етапи, стойностите на показатели, актуализациите и ръчния напредък на своите мерки"},
}

// modelPrefixes are the Bulgarian forms of the row a model message names.
var modelPrefixes = []struct {
	re *regexp.Regexp
	bg string
}{
	{regexp.MustCompile(`^milestone (\d+): `), "етап $1: "},
	{regexp.MustCompile(`^KPI (\d+) value \d+: `), "нова стойност на показател $1: "},
	{regexp.MustCompile(`^measure "([^"]*)": `), "мярка $1: "},
	{regexp.MustCompile(`^update \d+: `), "актуализация: "},
}

// fieldNames are the Bulgarian names of the fields an import fills in.
var fieldNames = map[string]string{
	"completed": "датата на изпълнение", "note": "бележката", "evidence": "връзката към доказателство",
	"text": "текстът", "source": "източникът", "date": "датата", "value": "стойността",
}

// modelMessage is the message of a model error in lang.
func modelMessage(err error, lang model.Lang) string {
	msg := model.ErrorMessage(err)
	if lang != model.BG {
		return msg
	}
	prefix := ""
	for _, p := range modelPrefixes {
		if loc := p.re.FindStringIndex(msg); loc != nil {
			prefix, msg = p.re.ReplaceAllString(msg[:loc[1]], p.bg), msg[loc[1]:]
			break
		}
	}
	if field, rest, ok := strings.Cut(msg, " "); ok {
		if bg, ok := fieldNames[field]; ok {
			msg = bg + " " + rest
		}
	}
	for _, m := range modelMessages {
		if m.re.MatchString(msg) {
			return prefix + m.re.ReplaceAllString(msg, m.bg)
		}
	}
	return prefix + msg
}
