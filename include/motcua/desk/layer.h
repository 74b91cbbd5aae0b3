/*
 * Layering guard, included by every header of the desk layer: a core layer
 * compiled with MOTCUA_LAYER may include only the layers it was given as
 * MOTCUA_USES_* (src/core/meson.build). Programs define neither.
 */
#if defined(MOTCUA_LAYER) && !defined(MOTCUA_USES_DESK)
#error "the desk layer is not below this one: see the layers in src/core/meson.build"
#endif
