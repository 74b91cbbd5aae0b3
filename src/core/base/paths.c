#define LOG_MODULE "paths"
#include <stdlib.h>
#include <unistd.h>
#include "motcua-config.h"
#include "motcua/base/paths.h"
#include "motcua/base/xalloc.h"

char *paths_asset(const char *rel)
{
	const char *dirs[] = { getenv("MOTCUA_ASSETS"), MOTCUA_SOURCE_ASSETS, MOTCUA_DATADIR };
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!dirs[i] || !*dirs[i]) {
			continue;
		}
		char *p = xasprintf("%s/%s", dirs[i], rel);
		if (access(p, R_OK) == 0) {
			return p;
		}
		free(p);
	}
	return NULL;
}

const char *paths_font(bool bold)
{
	static const char *const regular[] = {
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	};
	static const char *const heavy[] = {
		"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
		"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
	};
	const char *env = getenv(bold ? "MOTCUA_FONT_BOLD" : "MOTCUA_FONT");
	if (env && access(env, R_OK) == 0) {
		return env;
	}
	const char *const *list = bold ? heavy : regular;
	for (size_t i = 0; i < 2; i++) {
		if (access(list[i], R_OK) == 0) {
			return list[i];
		}
	}
	return list[0];
}

const char *paths_font_mono(bool bold)
{
	const char *env = getenv("MOTCUA_FONT_MONO");
	if (env && access(env, R_OK) == 0) {
		return env;
	}
	return bold ? "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
		: "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
}
