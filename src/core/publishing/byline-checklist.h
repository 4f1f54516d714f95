/* byline-checklist.h
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

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How many characters of a title a Bluesky link card shows: the card gives the title two
 * lines at the width of a post (about 35 characters each in the app's type) and cuts the
 * rest with an ellipsis. */
#define BYLINE_CHECKLIST_CARD_TITLE_MAX 70

/**
 * BylineCheckKind:
 * @BYLINE_CHECK_RECORD: the record's validator found a problem in a field
 * @BYLINE_CHECK_IMAGE_ALT: an image without alternative text
 * @BYLINE_CHECK_IMAGE_MISSING: a relative image that names no file
 * @BYLINE_CHECK_LINK_MISSING: a relative link that names no file
 * @BYLINE_CHECK_IMAGE_TOO_LARGE: an image over the blob limit; `target` is its file's path
 * @BYLINE_CHECK_NO_DESCRIPTION: the description is empty
 * @BYLINE_CHECK_LONG_TITLE: the title is longer than a link card shows
 * @BYLINE_CHECK_REVIEW_MARK: a suggestion or comment is left in the text
 * @BYLINE_CHECK_SAME_PATH: another document of the publication has the same path;
 *   `target` is its AT-URI
 * @BYLINE_CHECK_OTHER_UNPUBLISHED: another open article of the publication has changes
 *   not published; `target` is its name
 *
 * What a checklist item is about.
 */
typedef enum
{
  BYLINE_CHECK_RECORD,
  BYLINE_CHECK_IMAGE_ALT,
  BYLINE_CHECK_IMAGE_MISSING,
  BYLINE_CHECK_LINK_MISSING,
  BYLINE_CHECK_IMAGE_TOO_LARGE,
  BYLINE_CHECK_NO_DESCRIPTION,
  BYLINE_CHECK_LONG_TITLE,
  BYLINE_CHECK_REVIEW_MARK,
  BYLINE_CHECK_SAME_PATH,
  BYLINE_CHECK_OTHER_UNPUBLISHED,
} BylineCheckKind;

/**
 * BylineCheckItem:
 * @kind: a #BylineCheckKind
 * @blocker: %TRUE when publishing would fail until it is fixed
 * @message: a sentence for people
 * @line: the line of the article (from 1) the item is about, or 0
 * @column: the column (in characters, from 1) on @line, or 0
 * @field: (nullable): the front-matter key the item is about, for the side panel
 * @target: (nullable): what the item names (see #BylineCheckKind)
 *
 * One thing to look at before publishing.
 */
typedef struct
{
  BylineCheckKind  kind;
  gboolean         blocker;
  char            *message;
  guint            line;
  guint            column;
  char            *field;
  char            *target;
} BylineCheckItem;

#define BYLINE_TYPE_CHECK_ITEM (byline_check_item_get_type ())

GType            byline_check_item_get_type        (void) G_GNUC_CONST;
BylineCheckItem *byline_check_item_new             (BylineCheckKind   kind,
                                                    gboolean          blocker,
                                                    const char       *message);
BylineCheckItem *byline_check_item_copy            (const BylineCheckItem *item);
void             byline_check_item_free            (BylineCheckItem  *item);

GPtrArray       *byline_checklist_check            (const char       *text,
                                                    gsize             length,
                                                    GFile            *base_dir);
void             byline_checklist_check_async      (GBytes           *text,
                                                    GFile            *base_dir,
                                                    GCancellable     *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer          user_data);
GPtrArray       *byline_checklist_check_finish     (GAsyncResult     *result,
                                                    GError          **error);
gboolean         byline_checklist_has_blockers     (GPtrArray        *items);
void             byline_checklist_sort             (GPtrArray        *items);

void             byline_checklist_add_same_path    (GPtrArray        *items,
                                                    const char       *text,
                                                    gsize             length,
                                                    const char       *own_uri,
                                                    JsonArray        *records);
gboolean         byline_checklist_add_unpublished  (GPtrArray        *items,
                                                    const char       *site,
                                                    const char       *name,
                                                    const char       *text,
                                                    gsize             length,
                                                    GFile            *base_dir,
                                                    JsonArray        *records);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineCheckItem, byline_check_item_free)

G_END_DECLS
