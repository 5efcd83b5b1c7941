/*
 * setara: the credit component.  (Public API grows here.)
 */
#ifndef SETARA_CREDIT_H
#define SETARA_CREDIT_H

#include "common.h"

SETARA_BEGIN_DECL

SETARA_END_DECL

#endif
