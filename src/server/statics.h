#pragma once
/*
 * Static files for a listener's route table: a folder under a route
 * ending in "**" (the rest of the path names the file), or one file under
 * its own route. Only regular files inside the folder are served; "..",
 * hidden names and symbolic links that leave the folder are refused (404).
 * A folder's own path serves its index.html. Each answer carries a
 * Content-Type from the file's extension, nosniff and no-cache (the desk's
 * pages change with motcua's version, and are small).
 */
#include "http.h"

struct statics {
	const char *root;            /* the folder (or, for statics_file, the file) */
};

/* Route handler, data = struct statics *: the file named by the route's "**". */
struct http_response *statics_dir(struct http_request *rq, void *data);
/* Route handler, data = struct statics *: always its one file. */
struct http_response *statics_file(struct http_request *rq, void *data);
