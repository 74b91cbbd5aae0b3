#include <pthread.h>
#include "motcua/fonts/fonts.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

TTF_Font *fonts_open(const char *path, int px)
{
	pthread_mutex_lock(&lock);
	TTF_Font *f = TTF_OpenFont(path, px);
	pthread_mutex_unlock(&lock);
	return f;
}

void fonts_close(TTF_Font *font)
{
	if (!font) {
		return;
	}
	pthread_mutex_lock(&lock);
	TTF_CloseFont(font);
	pthread_mutex_unlock(&lock);
}
