/* The simulator's connection to the host (host.h). */
#define LOG_MODULE "sim"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "host.h"
#include "motcua/base/log.h"

static void set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

bool host_open_pty(struct host *h, const char *link)
{
	h->link = link;
	h->fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (h->fd < 0 || grantpt(h->fd) != 0 || unlockpt(h->fd) != 0) {
		LOG_ERR("cannot create a pseudo-terminal: %s", strerror(errno));
		return false;
	}
	const char *slave = ptsname(h->fd);
	h->slave_keep = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
	struct termios t;
	if (h->slave_keep < 0 || tcgetattr(h->slave_keep, &t) != 0) {
		LOG_ERR("cannot open %s: %s", slave, strerror(errno));
		return false;
	}
	cfmakeraw(&t);
	tcsetattr(h->slave_keep, TCSANOW, &t);
	chmod(slave, 0666);
	unlink(link);
	if (symlink(slave, link) != 0) {
		LOG_ERR("cannot create symlink %s: %s", link, strerror(errno));
		h->link = NULL;
		return false;
	}
	set_nonblock(h->fd);
	printf("%s -> %s\n", link, slave);
	fflush(stdout);
	return true;
}

bool host_listen_tcp(struct host *h, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	int one = 1;
	h->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (h->listen_fd < 0
		|| setsockopt(h->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
		|| bind(h->listen_fd, (struct sockaddr *)&a, sizeof a) != 0
		|| listen(h->listen_fd, 8) != 0
		|| getsockname(h->listen_fd, (struct sockaddr *)&a, &len) != 0) {
		LOG_ERR("cannot listen on 127.0.0.1:%d: %s", port, strerror(errno));
		return false;
	}
	set_nonblock(h->listen_fd);
	h->port = ntohs(a.sin_port);
	printf("tcp:127.0.0.1:%d\n", h->port);
	fflush(stdout);
	return true;
}

bool host_accept(struct host *h)
{
	if (h->listen_fd < 0 || h->fd >= 0) {
		return false;
	}
	h->fd = accept4(h->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (h->fd < 0) {
		return false;
	}
	h->connections++;
	LOG_INFO("connection %ld taken", h->connections);
	return true;
}

void host_hangup(struct host *h)
{
	if (h->listen_fd >= 0 && h->fd >= 0) {
		close(h->fd);
		h->fd = -1;
		LOG_INFO("connection %ld closed", h->connections);
	}
}

bool host_is_tcp(const struct host *h)
{
	return h->listen_fd >= 0;
}

void host_close(struct host *h)
{
	if (h->link) {
		unlink(h->link);
	}
	if (h->fd >= 0) {
		close(h->fd);
	}
	if (h->slave_keep >= 0) {
		close(h->slave_keep);
	}
	if (h->listen_fd >= 0) {
		close(h->listen_fd);
	}
	*h = (struct host){ .fd = -1, .listen_fd = -1, .slave_keep = -1 };
}
