#define LOG_MODULE "demo"
#include <stdio.h>
#include "motcua/store/counters.h"
#include "motcua/store/demo.h"
#include "motcua/store/services.h"
#include "motcua/store/settings.h"

bool demo_load(struct db *db, struct result *r)
{
	static const struct {
		const char *code, *name;
		int start, end, est;
	} services[] = {
		{ "HT", "Hộ tịch", 1001, 1999, 420 },
		{ "CT", "Chứng thực", 2001, 2999, 180 },
		{ "DD", "Đất đai – Xây dựng", 3001, 3999, 900 },
		{ "LD", "Lao động – Thương binh và Xã hội", 4001, 4999, 600 },
		{ "KH", "Lĩnh vực khác", 5001, 5999, 300 },
	};
	static const struct {
		int number;
		const char *name, *officer;
		const char *codes[3];
		size_t n;
	} counters[] = {
		{ 1, "Hộ tịch", "Nguyễn Thị Hoa", { "HT" }, 1 },
		{ 2, "Chứng thực – Hộ tịch", "Trần Văn Nam", { "CT", "HT" }, 2 },
		{ 3, "Đất đai – Xây dựng", "Lê Thị Mai", { "DD", "KH" }, 2 },
		{ 4, "Lao động – TB&XH", "Phạm Văn Hùng", { "LD", "KH" }, 2 },
	};
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
		struct service s;
		service_init(&s);
		snprintf(s.code, sizeof(s.code), "%s", services[i].code);
		snprintf(s.name, sizeof(s.name), "%s", services[i].name);
		s.range_start = services[i].start;
		s.range_end = services[i].end;
		s.est_service_s = services[i].est;
		s.position = (int)i + 1;
		if (!service_add(db, &s, r)) {
			return false;
		}
	}
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		struct counter c = { .number = counters[i].number };
		snprintf(c.name, sizeof(c.name), "%s", counters[i].name);
		if (!counter_add(db, &c, r)
				|| !counter_assign(db, c.number, counters[i].codes, counters[i].n, r)
				|| !counter_set_officer(db, c.number, counters[i].officer, r)) {
			return false;
		}
	}
	return settings_set(db, "commune_name", "UBND xã Hải Hưng", r)
		&& settings_set(db, "desk_name", "Bộ phận Tiếp nhận và Trả kết quả", r);
}
