/*
 * LD_PRELOAD shim for tests: makes a pseudo-terminal pass for a UART in
 * libserialport's eyes. On pty file descriptors only, it answers the
 * modem-line ioctls (TIOCMGET/SET/BIS/BIC: DTR, RTS, CTS, DSR, CD all on)
 * and TIOCGSERIAL (a 16550A) that ptys refuse with ENOTTY. Everything else,
 * and every other descriptor, goes to the real ioctl. See pty-as-uart.sh.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <linux/serial.h>

int ioctl(int fd, unsigned long request, ...);

static int is_pty(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) >= 136
		&& major(st.st_rdev) <= 143;
}

int ioctl(int fd, unsigned long request, ...)
{
	static int (*real)(int, unsigned long, ...);
	va_list ap;
	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	if (real == NULL) {
		*(void **)&real = dlsym(RTLD_NEXT, "ioctl");
	}
	if (is_pty(fd)) {
		switch (request) {
		case TIOCMGET:
			*(int *)arg = TIOCM_DTR | TIOCM_RTS | TIOCM_CTS | TIOCM_DSR | TIOCM_CD;
			return 0;
		case TIOCMSET:
		case TIOCMBIS:
		case TIOCMBIC:
			return 0;
		case TIOCGSERIAL: {
			struct serial_struct *ss = arg;
			memset(ss, 0, sizeof *ss);
			ss->type = PORT_16550A;
			ss->baud_base = 115200;
			return 0;
		}
		default:
			break;
		}
	}
	return real(fd, request, arg);
}
