/* byline-window-private.h
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

#include "byline-account.h"
#include "byline-checklist.h"
#include "byline-publish-state.h"
#include "byline-window.h"

G_BEGIN_DECLS

/* Shared by the files that make up BylineWindow, split by concern. */

/* What to do once a page is saved, or its changes discarded. */
typedef enum
{
  BYLINE_WINDOW_AFTER_SAVE_NOTHING,
  BYLINE_WINDOW_AFTER_SAVE_CLOSE_PAGE,
  BYLINE_WINDOW_AFTER_SAVE_CLOSE_WINDOW,
} BylineWindowAfterSave;

AdwTabView   *_byline_window_get_tab_view      (BylineWindow          *self);
GCancellable *_byline_window_get_cancellable   (BylineWindow          *self);
void          _byline_window_add_toast         (BylineWindow          *self,
                                                AdwToast              *toast);
void          _byline_window_show_toast        (BylineWindow          *self,
                                                const char            *message);
void          _byline_window_show_error        (BylineWindow          *self,
                                                const char            *heading,
                                                const GError          *error);
void          _byline_window_focus_field       (BylineWindow          *self,
                                                const char            *field);
void          _byline_window_show_side_page    (BylineWindow          *self,
                                                const char            *name);
void          _byline_window_set_account       (BylineWindow          *self,
                                                BylineAccount         *account);
BylineAccount *_byline_window_get_account      (BylineWindow          *self);
BylinePublishState *_byline_window_get_publish_state (BylineWindow     *self);

/* byline-window-files.c */
void          _byline_window_files_class_init  (GtkWidgetClass        *widget_class);
void          _byline_window_confirm_close     (BylineWindow          *self,
                                                BylinePage            *page,
                                                BylineWindowAfterSave  after);

/* byline-window-export.c */
void          _byline_window_export_class_init (GtkWidgetClass        *widget_class);

/* byline-window-focus.c */
void          _byline_window_focus_class_init  (GtkWidgetClass        *widget_class);
void          _byline_window_focus_init        (BylineWindow          *self);

/* byline-window-record.c */
void          _byline_window_record_class_init (GtkWidgetClass        *widget_class);
void          _byline_window_import_record     (BylineWindow          *self,
                                                GFile                 *file);

/* byline-window-checklist.c */
void          _byline_window_checklist_class_init (GtkWidgetClass     *widget_class);
void          _byline_window_go_to_check_item  (BylineWindow          *self,
                                                const BylineCheckItem *item,
                                                BylineDocument        *other);

void          _byline_window_compare_class_init (GtkWidgetClass       *widget_class);
void          _byline_window_compare_update    (BylineWindow          *self);

G_END_DECLS
