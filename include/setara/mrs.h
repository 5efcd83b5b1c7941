/*
 * setara: the mrs component.  (Public API grows here.)
 */
#ifndef SETARA_MRS_H
#define SETARA_MRS_H

#include "common.h"

SETARA_BEGIN_DECL

SETARA_END_DECL

#endif
