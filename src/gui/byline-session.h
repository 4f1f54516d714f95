/* byline-session.h
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

#include <gtk/gtk.h>

#include "byline-document.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_SESSION (byline_session_get_type ())

G_DECLARE_FINAL_TYPE (BylineSession, byline_session, BYLINE, SESSION, GObject)

BylineSession *byline_session_new             (GtkApplication *application);
void           byline_session_add_document    (BylineSession  *self,
                                               BylineDocument *document);
gboolean       byline_session_restore         (BylineSession  *self);
gboolean       byline_session_restore_unsaved (BylineSession  *self);

G_END_DECLS
