/*
 * setara: the cred component.  (Public API grows here.)
 */
#ifndef SETARA_CRED_H
#define SETARA_CRED_H

#include "common.h"

SETARA_BEGIN_DECL

SETARA_END_DECL

#endif
