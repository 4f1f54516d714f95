/* byline-checklist-view.h
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
#include "byline-checklist.h"
#include "byline-document.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_CHECKLIST_VIEW (byline_checklist_view_get_type ())

G_DECLARE_FINAL_TYPE (BylineChecklistView, byline_checklist_view, BYLINE, CHECKLIST_VIEW, GtkWidget)

GtkWidget      *byline_checklist_view_new              (void);
BylineDocument *byline_checklist_view_get_document     (BylineChecklistView *self);
void            byline_checklist_view_set_document     (BylineChecklistView *self,
                                                        BylineDocument      *document);
BylineAccount  *byline_checklist_view_get_account      (BylineChecklistView *self);
void            byline_checklist_view_set_account      (BylineChecklistView *self,
                                                        BylineAccount       *account);
gboolean        byline_checklist_view_get_running      (BylineChecklistView *self);
gboolean        byline_checklist_view_get_has_blockers (BylineChecklistView *self);
GPtrArray      *byline_checklist_view_get_items        (BylineChecklistView *self);
GtkListBox     *byline_checklist_view_get_list_box     (BylineChecklistView *self);
void            byline_checklist_view_refresh          (BylineChecklistView *self);

G_END_DECLS
