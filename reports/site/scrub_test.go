package site

import "testing"

// TestScrubRemovesEmailsAndPhones: addresses in any script and telephone
// numbers in the forms people write them go; dates, amounts, codes and
// percentages stay.
func TestScrubRemovesEmailsAndPhones(t *testing.T) {
	tests := []struct{ in, want string }{
		// E-mail addresses.
		{"Пишете на ivan.petrov@sofia.bg днес.", "Пишете на [e-mail] днес."},
		{"Пишете на иван@община.бг днес.", "Пишете на [e-mail] днес."},
		{"Contact δοκιμή@παράδειγμα.ελ now", "Contact [e-mail] now"},
		{"IDN: user@bücher.example, 用户@例子.广告", "IDN: [e-mail], [e-mail]"},
		{"full-width мария＠столична-община．бг", "full-width [e-mail]"},
		{"ideographic 李@例子。中国", "ideographic [e-mail]"},
		{"plus and quote o'brien+x@mail.sofia.bg.", "plus and quote [e-mail]."},
		{"literal root@[192.0.2.1]", "literal [e-mail]"},
		// Telephone numbers.
		{"Тел. 0888 123 456 за справки", "Тел. [tel.] за справки"},
		{"call +359 2 987 6543.", "call [tel.]."},
		{"факс 02/981 23 45", "факс [tel.]"},
		{"GSM: 0898123456", "GSM: [tel.]"},
		{"(02) 981 2345 or 0888-123-456", "[tel.] or [tel.]"},
		{"+359 888 123 456; 00359 2 987 65 43", "[tel.]; [tel.]"},
		{"London +44 20 7946 0958", "London [tel.]"},
		{"US +1 (555) 123-4567", "US [tel.]"},
		{"Пловдив 032 123 456", "Пловдив [tel.]"},
		{"тел. 981 23 45", "тел. [tel.]"},
		{"phone: 9812345", "phone: [tel.]"},
		{"0888 123 456 0899 765 432", "[tel.] [tel.]"},
		{"on 01/02/2026 call 0888 123 456", "on 01/02/2026 call [tel.]"},
		{"0888.123.456", "[tel.]"},
		// What is not a telephone number.
		{"До 30.06.2026 г. и 01/02/2026", "До 30.06.2026 г. и 01/02/2026"},
		{"Бюджет 1 200 000,00 € и 2 000 мерки", "Бюджет 1 200 000,00 € и 2 000 мерки"},
		{"Мярка M-1.2.3, 45,5 %, 0,5 %, 2026 г.", "Мярка M-1.2.3, 45,5 %, 0,5 %, 2026 г."},
		{"Telecom 2025–2030 and tel 12", "Telecom 2025–2030 and tel 12"},
		{"ISO 27001:2022, ЕИК 000695089", "ISO 27001:2022, ЕИК 000695089"},
		{"поръчка 00123-2024-0001 и 01234-2025-0042", "поръчка 00123-2024-0001 и 01234-2025-0042"},
		{"IBAN BG80 BNBG 9661 1020 3456 78", "IBAN BG80 BNBG 9661 1020 3456 78"},
		{"Решение № 123 от 28.01.2021 г., 09:00–17:30", "Решение № 123 от 28.01.2021 г., 09:00–17:30"},
		{"@sofia and a@b are not addresses", "@sofia and a@b are not addresses"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := scrub(tt.in); got != tt.want {
			t.Errorf("scrub(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
