/* The printer's status bytes and the fault vocabulary (printer_status.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "motcua/print/escpos.h"
#include "motcua/print/printer_status.h"
#include "motcua/store/devices.h"

bool printer_status_decode(const uint8_t *reply, size_t len, struct printer_status *st)
{
	*st = (struct printer_status){ 0 };
	if (reply == NULL || len != 4) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (!escpos_is_status_byte(reply[i])) {
			return false;
		}
	}
	uint8_t printer = reply[0], offline = reply[1], error = reply[2], paper = reply[3];
	st->answered = true;
	st->online = !(printer & 0x08);
	st->cover_open = offline & 0x04;
	st->paper_out = (offline & 0x20) || (paper & 0x60) == 0x60;
	st->paper_near_end = (paper & 0x0c) == 0x0c;
	st->error = (offline & 0x40) || (error & 0x68);
	return true;
}

/* The one table. Citizen texts are short enough for the kiosk's banner. */
static const struct printer_fault_info faults[PRINTER_FAULT_COUNT] = {
	[PRINTER_FAULT_NONE] = { "ok", "is ready", "Máy in sẵn sàng", "", true },
	[PRINTER_FAULT_NEAR_END] = { "near_end", "is nearly out of paper", "Máy in sắp hết giấy",
		"Chuẩn bị thay cuộn giấy", true },
	[PRINTER_FAULT_PAPER_OUT] = { "paper_out", "is out of paper", "Máy in hết giấy",
		"Thay cuộn giấy mới", false },
	[PRINTER_FAULT_COVER_OPEN] = { "cover_open", "has its cover open", "Nắp máy in đang mở",
		"Đóng nắp máy in", false },
	[PRINTER_FAULT_ERROR] = { "error", "reports an error (cutter jam or fault)",
		"Máy in bị lỗi", "Tắt rồi bật lại máy in; kiểm tra dao cắt giấy", false },
	[PRINTER_FAULT_OFFLINE] = { "offline", "is offline", "Máy in chưa sẵn sàng",
		"Kiểm tra đèn báo, giấy và nắp của máy in", false },
	[PRINTER_FAULT_NO_ANSWER] = { "no_answer",
		"does not answer (off, unplugged or wrong baud rate)", "Máy in không trả lời",
		"Kiểm tra nguồn điện và cáp của máy in", false },
	[PRINTER_FAULT_UNCONFIRMED] = { "unconfirmed", "did not confirm the last ticket",
		"Máy in chưa xác nhận đã in phiếu",
		"Hỏi công dân vừa lấy số đã nhận được phiếu chưa; nếu chưa, in lại phiếu cuối "
		"(màn hình quản trị của máy lấy số)", false },
};

enum printer_fault printer_status_fault(const struct printer_status *st)
{
	if (!st->answered) {
		return PRINTER_FAULT_NO_ANSWER;
	}
	if (st->paper_out) {
		return PRINTER_FAULT_PAPER_OUT;
	}
	if (st->cover_open) {
		return PRINTER_FAULT_COVER_OPEN;
	}
	if (st->error) {
		return PRINTER_FAULT_ERROR;
	}
	if (!st->online) {
		return PRINTER_FAULT_OFFLINE;
	}
	return st->paper_near_end ? PRINTER_FAULT_NEAR_END : PRINTER_FAULT_NONE;
}

const struct printer_fault_info *printer_fault_info(enum printer_fault f)
{
	return (unsigned)f < PRINTER_FAULT_COUNT ? &faults[f] : &faults[PRINTER_FAULT_NO_ANSWER];
}

bool printer_fault_parse(const char *code, enum printer_fault *out)
{
	for (int f = 0; f < PRINTER_FAULT_COUNT; f++) {
		if (strcmp(faults[f].code, code) == 0) {
			*out = (enum printer_fault)f;
			return true;
		}
	}
	return false;
}

bool printer_fault_check(enum printer_fault f, struct result *r)
{
	const struct printer_fault_info *info = printer_fault_info(f);
	if (info->can_print) {
		return true;
	}
	char words[256];
	printer_fault_sentence(f, words, sizeof(words));
	return result_fail(r, RESULT_ERR_PRINTER, "%s", words);
}

/*
 * Appends s with a small first letter: the table's texts start sentences
 * ("Máy in…", "Đóng nắp…"), these words go inside one. The first letters in
 * the table are ASCII or Đ.
 */
static void append_lower_first(char *out, size_t size, const char *s)
{
	size_t len = strlen(out);
	if ((unsigned char)s[0] == 0xc4 && (unsigned char)s[1] == 0x90) {  /* Đ -> đ */
		snprintf(out + len, size - len, "\xc4\x91%s", s + 2);
	} else if (*s) {
		snprintf(out + len, size - len, "%c%s", tolower((unsigned char)s[0]), s + 1);
	}
}

void printer_fault_sentence(enum printer_fault f, char *out, size_t size)
{
	const struct printer_fault_info *info = printer_fault_info(f);
	out[0] = '\0';
	append_lower_first(out, size, info->citizen_vi);
	if (*info->advice_vi) {
		size_t len = strlen(out);
		snprintf(out + len, size - len, " (");
		append_lower_first(out, size, info->advice_vi);
		len = strlen(out);
		snprintf(out + len, size - len, ")");
	}
}

void printer_fault_words(const struct device_status *d, const char **text,
	const char **advice)
{
	enum printer_fault f;
	*text = d->status;
	*advice = d->detail;
	if (strcmp(d->kind, "printer") == 0 && printer_fault_parse(d->status, &f)) {
		*text = printer_fault_info(f)->citizen_vi;
		*advice = printer_fault_info(f)->advice_vi;
	}
}
