/* byline-publish-state.h
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "byline-account.h"
#include "byline-document.h"

G_BEGIN_DECLS

typedef enum
{
  BYLINE_PUBLISH_STATE_UNKNOWN,
  BYLINE_PUBLISH_STATE_NOT_PUBLISHED,
  BYLINE_PUBLISH_STATE_PUBLISHED,
  BYLINE_PUBLISH_STATE_CHANGED_HERE,
  BYLINE_PUBLISH_STATE_CHANGED_ON_SERVER,
} BylinePublishStateKind;

#define BYLINE_TYPE_PUBLISH_STATE (byline_publish_state_get_type ())

G_DECLARE_FINAL_TYPE (BylinePublishState, byline_publish_state, BYLINE, PUBLISH_STATE, AdwBin)

GtkWidget             *byline_publish_state_new          (void);
void                   byline_publish_state_set_document (BylinePublishState *self,
                                                          BylineDocument     *document);
void                   byline_publish_state_set_account  (BylinePublishState *self,
                                                          BylineAccount      *account);
void                   byline_publish_state_set_min_interval
                                                         (BylinePublishState *self,
                                                          guint               seconds);
void                   byline_publish_state_check        (BylinePublishState *self);
void                   byline_publish_state_focused      (BylinePublishState *self);
BylinePublishStateKind byline_publish_state_get_kind     (BylinePublishState *self);
const char            *byline_publish_state_get_label    (BylinePublishState *self);

G_END_DECLS
