/*
 * setara: the qf component.  (Public API grows here.)
 */
#ifndef SETARA_QF_H
#define SETARA_QF_H

#include "common.h"

SETARA_BEGIN_DECL

SETARA_END_DECL

#endif
