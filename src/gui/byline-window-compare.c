/* byline-window-compare.c
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

#define G_LOG_DOMAIN "byline-window-compare"

#include "config.h"

#include "byline-compare-dialog.h"
#include "byline-window-private.h"

/*
 * Compare With Published…: the current article against the record its front matter names,
 * enabled while it names one.
 */

static BylineDocument *
current_document (BylineWindow *self)
{
  BylinePage *page = byline_window_get_page (self);

  return page != NULL ? byline_page_get_document (page) : NULL;
}

/**
 * _byline_window_compare_update:
 *
 * Enables Compare With Published… for an article linked to a record.
 */
void
_byline_window_compare_update (BylineWindow *self)
{
  BylineDocument *document = current_document (self);
  BylineMetadata *metadata = document != NULL ? byline_document_get_metadata (document) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-published",
                                 metadata != NULL && byline_metadata_get_record_uri (metadata) != NULL);
}

static void
compare_published_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  BylineDocument *document = current_document (self);

  if (document == NULL)
    return;
  adw_dialog_present (byline_compare_dialog_new (document, _byline_window_get_account (self)), widget);
}

void
_byline_window_compare_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare-published", NULL, compare_published_action);
}
