/*
 * LD_PRELOAD shim for the storage test: a failing disk. Writes and syncs to
 * any file whose name ends in $EIO_SHIM_SUFFIX (e.g. "-wal") fail with EIO,
 * as a dying disk or a pulled USB stick does; every other file works.
 */
#undef _FILE_OFFSET_BITS  /* define pwrite and pwrite64 as two symbols */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
ssize_t write(int fd, const void *buf, size_t n);
int fsync(int fd);
int fdatasync(int fd);

static int failing(int fd)
{
	const char *suffix = getenv("EIO_SHIM_SUFFIX");
	char link[64], target[4096];
	if (!suffix || !*suffix) {
		return 0;
	}
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t len = readlink(link, target, sizeof(target) - 1);
	if (len <= 0) {
		return 0;
	}
	target[len] = '\0';
	size_t sl = strlen(suffix);
	return (size_t)len >= sl && strcmp(target + len - sl, suffix) == 0;
}

/* Defines fn(params) failing with EIO on a chosen file, else calling the real one. */
#define WRAP(ret, fn, params, args) \
	ret fn params \
	{ \
		static ret (*real) params; \
		if (failing(fd)) { \
			errno = EIO; \
			return -1; \
		} \
		if (!real) { \
			*(void **)&real = dlsym(RTLD_NEXT, #fn); \
		} \
		return real args; \
	}

WRAP(ssize_t, pwrite64, (int fd, const void *buf, size_t n, off_t off), (fd, buf, n, off))
WRAP(ssize_t, pwrite, (int fd, const void *buf, size_t n, off_t off), (fd, buf, n, off))
WRAP(ssize_t, write, (int fd, const void *buf, size_t n), (fd, buf, n))
WRAP(int, fsync, (int fd), (fd))
WRAP(int, fdatasync, (int fd), (fd))
