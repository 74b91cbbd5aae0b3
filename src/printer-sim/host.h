#pragma once
/*
 * The simulator's side of the cable: a pseudo-terminal whose slave a
 * symlink points at (a serial or USB printer), or a TCP port on 127.0.0.1
 * (a network printer's port 9100). A network interface such as Epson's
 * UB-E02 serves one printing connection at a time: others are left
 * waiting in the listen queue, connected but never answered, until the
 * one being served closes. No interpretation here (interp.h).
 */
#include <stdbool.h>

struct host {
	int fd;              /* the host's end: pty master or the TCP client; -1: none */
	int listen_fd;       /* TCP only; -1 for a pty */
	int slave_keep;      /* pty: the slave, kept open so the master never hangs up */
	int port;            /* TCP: the port listened on */
	long connections;    /* TCP connections served so far */
	const char *link;    /* pty: the symlink (removed by host_close) */
};

/* Opens a pty and points link at its slave; prints "LINK -> SLAVE". */
bool host_open_pty(struct host *h, const char *link);
/* Listens on 127.0.0.1:port (0: any free port, h->port says which); prints "tcp:127.0.0.1:PORT". */
bool host_listen_tcp(struct host *h, int port);
/* TCP: takes the next waiting connection when none is served. True when it took one. */
bool host_accept(struct host *h);
/* TCP: the host closed (or reset) its connection; the next one may be served. */
void host_hangup(struct host *h);
bool host_is_tcp(const struct host *h);
void host_close(struct host *h);
