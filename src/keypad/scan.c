/*
 * The bus scan. Each address gets a HELLO with the KEEP flag: a version 2
 * keypad answers INFO and keeps its pending key presses; a version 1
 * keypad ignores the flag (it flushes, harmless while the bridge is
 * stopped, which it must be: the port is locked). One retry per address,
 * so a single noise hit does not hide a keypad.
 */
#define LOG_MODULE "scan"
#include <string.h>
#include "motcua/base/log.h"
#include "motcua/base/text.h"
#include "motcua/serial/keyproto.h"
#include "scan.h"

bool scan_parse_range(const char *s, int *lo, int *hi)
{
	char first[8];
	const char *dash = strchr(s, '-');
	size_t n = dash ? (size_t)(dash - s) : strlen(s);
	long a, b;
	if (n == 0 || n >= sizeof first) {
		return false;
	}
	memcpy(first, s, n);
	first[n] = '\0';
	if (!text_parse_long(first, 1, 247, &a)) {
		return false;
	}
	b = a;
	if (dash && !text_parse_long(dash + 1, a, 247, &b)) {
		return false;
	}
	*lo = (int)a;
	*hi = (int)b;
	return true;
}

int scan_bus(struct link *l, int lo, int hi, FILE *out)
{
	int found = 0;
	for (int addr = lo; addr <= hi; addr++) {
		struct keyproto_frame req, rep;
		keyproto_make_hello_v2(&req, (uint8_t)addr, (uint8_t)addr, KEYPROTO_HELLO_KEEP);
		if (!link_transact(l, &req, &rep, 1)) {
			continue;
		}
		found++;
		struct keyproto_info info;
		if (!keyproto_parse_info(&rep, &info)) {
			fprintf(out, "Bàn phím %d: có trả lời nhưng không gửi thông tin (lệnh 0x%02x, "
				"mã %u)\n", addr, rep.cmd, rep.len ? rep.payload[0] : 0);
		} else if (info.session) {
			fprintf(out, "Bàn phím %d: giao thức %u, phần mềm %u.%u, %u phím, phiên %u\n", addr,
				info.version, info.fw_major, info.fw_minor, info.keys, info.session);
		} else {
			fprintf(out, "Bàn phím %d: giao thức %u, phần mềm %u.%u, %u phím\n", addr,
				info.version, info.fw_major, info.fw_minor, info.keys);
		}
		fflush(out);
	}
	return found;
}
