/*
 * The fuzz harnesses without libFuzzer: runs LLVMFuzzerTestOneInput once
 * over every file named on the command line, or every file in a named
 * directory (sorted, so runs are repeatable). This is how the normal gcc
 * build tests each harness over its committed seed corpus, and how a crash
 * file from a campaign is replayed under gdb. Exit 0 when every input ran;
 * a broken property aborts. Fails when no input was found, so a missing
 * corpus cannot pass unnoticed.
 */
#include <dirent.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

static bool run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return false;
	}
	uint8_t *data = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			uint8_t *grown = realloc(data, cap);
			if (grown == NULL) {
				perror("realloc");
				abort();
			}
			data = grown;
		}
		size_t n = fread(data + len, 1, cap - len, f);
		len += n;
		if (n == 0) {
			break;
		}
	}
	bool ok = !ferror(f);
	fclose(f);
	if (ok) {
		/* An exact-size copy, so ASan sees a read past the input's end. */
		uint8_t *exact = malloc(len ? len : 1);
		if (exact == NULL) {
			abort();
		}
		memcpy(exact, data, len);
		printf("%s (%zu bytes)\n", path, len);
		fflush(stdout);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	} else {
		perror(path);
	}
	free(data);
	return ok;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file in dir; adds their number to *count. */
static bool run_dir(const char *dir, int *count)
{
	DIR *d = opendir(dir);
	if (d == NULL) {
		perror(dir);
		return false;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.') {
			continue;
		}
		char **grown = realloc(names, (n + 1) * sizeof *names);
		if (grown == NULL) {
			abort();
		}
		names = grown;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		if (names[n] == NULL) {
			abort();
		}
		snprintf(names[n], len, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			ok = run_file(names[i]) && ok;
			(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	bool ok = true;
	int count = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			ok = false;
		} else if (S_ISDIR(st.st_mode)) {
			ok = run_dir(argv[i], &count) && ok;
		} else {
			ok = run_file(argv[i]) && ok;
			count++;
		}
	}
	if (count == 0) {
		fprintf(stderr, "%s: no input files\n", argv[0]);
		return 1;
	}
	printf("%d inputs ran\n", count);
	return ok ? 0 : 1;
}
