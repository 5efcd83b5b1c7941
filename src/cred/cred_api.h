/*
 * The cred component's interface for the rest of the library: its global
 * set-up.  The other components call cred through its public headers
 * (setara/cred.h, setara/render.h); the files of src/cred include
 * cred_int.h.
 */
#ifndef SETARA_CRED_API_H
#define SETARA_CRED_API_H

/*
 * libxmlsec1 with OpenSSL, locked down (cred_init.c), run by
 * setara_init() after libxml2's set-up; and its undoing.
 */
int setara_cred__global_init(void);
void setara_cred__global_shutdown(void);

#endif
