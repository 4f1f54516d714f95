/* byline-checklist.c
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


#define G_LOG_DOMAIN "byline-checklist"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "byline-checklist.h"
#include "byline-front-matter.h"
#include "byline-json.h"
#include "byline-publisher.h"
#include "byline-record.h"
#include "byline-renderer-private.h"
#include "byline-review.h"
#include "byline-validator.h"

/*
 * The review checklist: what an editor looks at before an article goes out, each item with
 * its place (a line of the text or a field of the side panel). Only what would make the
 * publish fail is a blocker: the record's validator errors, and suggestions or comments left
 * in the text, which Byline never publishes. The rest are warnings.
 */

static const char * const extension_names[] = {
  "table", "strikethrough", "autolink", "tagfilter", "tasklist",
};

G_DEFINE_BOXED_TYPE (BylineCheckItem, byline_check_item, byline_check_item_copy,
                     byline_check_item_free)

/* The article's lines, to turn byte offsets into lines and columns. */
typedef struct
{
  const char *text;
  gsize       length;
  GArray     *starts;   /* gsize: where each line starts */
} Lines;

/* A reference (image or link) reported, to recognise the record's own problem about it. */
typedef struct
{
  BylineCheckItem *item;
  char            *url;
} Reference;

static void
reference_clear (Reference *reference)
{
  g_free (reference->url);
}

static void
lines_init (Lines      *lines,
            const char *text,
            gsize       length)
{
  gsize zero = 0;

  lines->text = text;
  lines->length = length;
  lines->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (lines->starts, zero);
  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n')
      {
        gsize next = i + 1;

        g_array_append_val (lines->starts, next);
      }
}

static gsize
lines_offset (Lines *lines,
              guint  line)
{
  if (line == 0)
    return 0;
  if (line > lines->starts->len)
    return lines->length;

  return g_array_index (lines->starts, gsize, line - 1);
}

static void
lines_locate (Lines *lines,
              gsize  offset,
              guint *line,
              guint *column)
{
  guint low = 0, high = lines->starts->len;
  gsize start;

  /* The last line starting at or before offset. */
  while (high - low > 1)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (lines->starts, gsize, middle) <= offset)
        low = middle;
      else
        high = middle;
    }
  start = g_array_index (lines->starts, gsize, low);
  *line = low + 1;
  *column = g_utf8_strlen (lines->text + start, offset - start) + 1;
}

/**
 * byline_check_item_new:
 * @kind: a #BylineCheckKind
 * @blocker: whether publishing fails until it is fixed
 * @message: a sentence for people
 *
 * Returns: (transfer full): a new item, with no place yet
 */
BylineCheckItem *
byline_check_item_new (BylineCheckKind  kind,
                       gboolean         blocker,
                       const char      *message)
{
  BylineCheckItem *item = g_new0 (BylineCheckItem, 1);

  item->kind = kind;
  item->blocker = !!blocker;
  item->message = g_strdup (message);

  return item;
}

/**
 * byline_check_item_copy:
 * @item: an item
 *
 * Returns: (transfer full): a copy of @item
 */
BylineCheckItem *
byline_check_item_copy (const BylineCheckItem *item)
{
  BylineCheckItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = byline_check_item_new (item->kind, item->blocker, item->message);
  copy->line = item->line;
  copy->column = item->column;
  copy->field = g_strdup (item->field);
  copy->target = g_strdup (item->target);

  return copy;
}

/**
 * byline_check_item_free:
 * @item: (nullable): an item
 */
void
byline_check_item_free (BylineCheckItem *item)
{
  if (item == NULL)
    return;

  g_free (item->message);
  g_free (item->field);
  g_free (item->target);
  g_free (item);
}

static BylineCheckItem *
add_item (GPtrArray       *items,
          BylineCheckKind  kind,
          gboolean         blocker,
          const char      *field,
          char            *message)
{
  BylineCheckItem *item = byline_check_item_new (kind, blocker, message);

  item->field = g_strdup (field);
  g_ptr_array_add (items, item);
  g_free (message);

  return item;
}

static void
check_fields (GPtrArray      *items,
              BylineMetadata *metadata)
{
  const char *title = byline_metadata_get_title (metadata);
  const char *description = byline_metadata_get_description (metadata);
  g_autofree char *stripped = NULL;
  gsize graphemes;

  if (title != NULL &&
      (graphemes = byline_validator_count_graphemes (title, -1)) > BYLINE_CHECKLIST_CARD_TITLE_MAX)
    add_item (items, BYLINE_CHECK_LONG_TITLE, FALSE, "title",
              g_strdup_printf (_("The title has %" G_GSIZE_FORMAT " characters; a Bluesky link "
                                 "card shows about %d, then cuts it short"),
                               graphemes, BYLINE_CHECKLIST_CARD_TITLE_MAX));

  stripped = g_strstrip (g_strdup (description ? description : ""));
  if (*stripped == '\0')
    add_item (items, BYLINE_CHECK_NO_DESCRIPTION, FALSE, "description",
              g_strdup (_("The description is empty: link cards and feeds show nothing "
                          "under the title")));
}

static void
check_review (GPtrArray  *items,
              Lines      *lines,
              const char *text,
              gsize       length)
{
  g_autoptr(GArray) marks = byline_review_parse (text, length);

  for (guint i = 0; i < marks->len; i++)
    {
      const BylineReviewMark *mark = &g_array_index (marks, BylineReviewMark, i);
      BylineCheckItem *item;
      const char *what;

      switch (mark->kind)
        {
        case BYLINE_REVIEW_ADDITION:
          what = _("A suggested addition");
          break;
        case BYLINE_REVIEW_DELETION:
          what = _("A suggested deletion");
          break;
        case BYLINE_REVIEW_SUBSTITUTION:
          what = _("A suggested replacement");
          break;
        case BYLINE_REVIEW_HIGHLIGHT:
          what = _("A highlight");
          break;
        case BYLINE_REVIEW_COMMENT:
        default:
          what = _("A comment");
          break;
        }

      item = add_item (items, BYLINE_CHECK_REVIEW_MARK, TRUE, NULL,
                       g_strdup_printf (_("%s is left in the text: accept or reject it "
                                          "before publishing"), what));
      lines_locate (lines, mark->start, &item->line, &item->column);
    }
}

/* The first block around an inline node: cmark-gfm gives lines to blocks only. */
static int
node_line (cmark_node *node)
{
  for (; node != NULL; node = cmark_node_parent (node))
    if (cmark_node_get_start_line (node) > 0)
      return cmark_node_get_start_line (node);

  return 0;
}

static gboolean
has_alt_text (cmark_node *image)
{
  for (cmark_node *child = cmark_node_first_child (image); child != NULL;
       child = cmark_node_next (child))
    {
      const char *literal = cmark_node_get_literal (child);

      if (literal == NULL || cmark_node_first_child (child) != NULL)
        return TRUE;
      for (const char *p = literal; *p; p++)
        if (!g_ascii_isspace (*p))
          return TRUE;
    }

  return FALSE;
}

/* The file a relative reference names, or NULL for a web address, an anchor, a path from
 * the site's root, or an article not saved yet (nothing to resolve against). */
static GFile *
resolve_reference (const char *url,
                   gboolean    image,
                   GFile      *base_dir)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);
  g_autofree char *path = NULL;
  g_autofree char *unescaped = NULL;
  char *cut;

  if (scheme != NULL && strlen (scheme) > 1)
    return g_ascii_strcasecmp (scheme, "file") == 0 ? g_file_new_for_uri (url) : NULL;
  if (*url == '\0' || *url == '#' || *url == '?')
    return NULL;

  path = g_strdup (url);
  if ((cut = strpbrk (path, "?#")) != NULL)
    *cut = '\0';
  unescaped = g_uri_unescape_string (path, NULL);
  if (unescaped == NULL)
    unescaped = g_strdup (path);

  /* A link from the root is the site's to resolve; an image there is a file here. */
  if (g_path_is_absolute (unescaped))
    return image ? g_file_new_for_path (unescaped) : NULL;
  if (base_dir == NULL)
    return NULL;

  return g_file_resolve_relative_path (base_dir, unescaped);
}

/* A check of one article: its lines, where its body starts, what was found. */
typedef struct
{
  Lines      lines;
  guint      body_line;     /* lines before the body */
  GPtrArray *items;
  GArray    *references;    /* Reference */
  GFile     *base_dir;
} Check;

static void
locate_reference (Check           *check,
                  BylineCheckItem *item,
                  cmark_node      *node,
                  const char      *url)
{
  int line = node_line (node);
  gsize from = lines_offset (&check->lines, line > 0 ? check->body_line + line : 0);
  const char *found = NULL;

  if (*url != '\0')
    found = g_strstr_len (check->lines.text + from, check->lines.length - from, url);
  lines_locate (&check->lines, found ? (gsize)(found - check->lines.text) : from,
                &item->line, &item->column);
}

static void
remember (Check           *check,
          BylineCheckItem *item,
          const char      *url)
{
  Reference reference = { item, g_strdup (url) };

  g_array_append_val (check->references, reference);
}

static void
check_reference (Check      *check,
                 cmark_node *node)
{
  gboolean image = cmark_node_get_type (node) == CMARK_NODE_IMAGE;
  const char *url = cmark_node_get_url (node);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  BylineCheckItem *item;

  if (url == NULL)
    url = "";

  if (image && !has_alt_text (node))
    {
      item = add_item (check->items, BYLINE_CHECK_IMAGE_ALT, FALSE, NULL,
                       g_strdup_printf (_("The image “%s” has no alternative text: readers "
                                          "who cannot see it learn nothing of it"), url));
      locate_reference (check, item, node, url);
    }

  if ((file = resolve_reference (url, image, check->base_dir)) == NULL)
    return;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info == NULL)
    {
      item = add_item (check->items,
                       image ? BYLINE_CHECK_IMAGE_MISSING : BYLINE_CHECK_LINK_MISSING, FALSE, NULL,
                       image ? g_strdup_printf (_("The image “%s” names no file beside the "
                                                  "article"), url)
                             : g_strdup_printf (_("The link “%s” names no file beside the "
                                                  "article"), url));
      locate_reference (check, item, node, url);
      remember (check, item, url);
      return;
    }

  if (image && g_file_info_get_size (info) > BYLINE_MAX_BLOB_SIZE)
    {
      item = add_item (check->items, BYLINE_CHECK_IMAGE_TOO_LARGE, FALSE, NULL,
                       g_strdup_printf (_("The image “%s” has %" G_GOFFSET_FORMAT " bytes; a "
                                          "PDS takes at most %d in one blob"),
                                        url, g_file_info_get_size (info), BYLINE_MAX_BLOB_SIZE));
      item->target = g_file_get_path (file);
      locate_reference (check, item, node, url);
      remember (check, item, url);
    }
}

static void
check_body (Check      *check,
            const char *body,
            gsize       length)
{
  cmark_parser *parser;
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  cmark_gfm_core_extensions_ensure_registered ();

  /* The table extension may touch the parse arena the renderer uses (see there). */
  _byline_renderer_lock_parsing ();
  parser = cmark_parser_new (CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8);
  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      cmark_syntax_extension *ext = cmark_find_syntax_extension (extension_names[i]);

      if (ext != NULL)
        cmark_parser_attach_syntax_extension (parser, ext);
    }
  cmark_parser_feed (parser, body, length);
  document = cmark_parser_finish (parser);

  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_IMAGE || type == CMARK_NODE_LINK))
        check_reference (check, node);
    }

  cmark_iter_free (iter);
  cmark_node_free (document);
  cmark_parser_free (parser);
  _byline_renderer_unlock_parsing ();
}

/* The record's own problems. One about an image already listed (with its place) makes that
 * item a blocker instead of being listed again: Leaflet content uploads its images. */
static void
check_record (Check          *check,
              BylineMetadata *metadata,
              const char     *body,
              gsize           length)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
    (GDestroyNotify)byline_problem_free);
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(BylineMetadata) dated = NULL;
  g_autofree char *json = NULL;
  gsize json_length = 0;

  /* Publishing dates an article that has no date yet. */
  if (byline_metadata_get_published_at (metadata) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *date = g_date_time_format_iso8601 (now);

      metadata = dated = byline_metadata_copy (metadata);
      byline_metadata_set_published_at (metadata, date);
    }

  record = byline_record_build (metadata, body, length, check->base_dir,
                                BYLINE_RECORD_EXPORT_DEFAULT, problems);
  json = byline_json_to_string (record, TRUE, &json_length);
  byline_validator_check_record (problems, json_node_get_object (record), json_length);

  for (guint i = 0; i < problems->len; i++)
    {
      const BylineProblem *problem = g_ptr_array_index (problems, i);
      gboolean error = problem->severity == BYLINE_PROBLEM_ERROR;
      gboolean known = FALSE;

      for (guint j = 0; j < check->references->len && !known; j++)
        {
          Reference *reference = &g_array_index (check->references, Reference, j);

          if (g_strcmp0 (problem->field, "content") == 0 && *reference->url != '\0' &&
              strstr (problem->message, reference->url) != NULL)
            {
              reference->item->blocker |= error;
              known = TRUE;
            }
        }
      if (!known)
        add_item (check->items, BYLINE_CHECK_RECORD, error, problem->field,
                  g_strdup_printf ("%s: %s", problem->field, problem->message));
    }
}

/**
 * byline_checklist_check:
 * @text: the article: front matter and Markdown
 * @length: the length of @text in bytes
 * @base_dir: (nullable): the article's folder, to find its images and linked files
 *
 * Goes through the article as an editor would before it is published: the record's limits,
 * suggestions and comments left, images without alternative text, relative links and images
 * that name no file, images over the blob limit, an empty description, a title longer than a
 * link card shows. It reads files: call it from a worker, or use
 * byline_checklist_check_async().
 *
 * Returns: (transfer full) (element-type BylineCheckItem): the items, in the order of the
 *   article (fields first)
 */
GPtrArray *
byline_checklist_check (const char *text,
                        gsize       length,
                        GFile      *base_dir)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (
    (GDestroyNotify)byline_check_item_free);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;
  Check check = { { NULL, }, 0, items, NULL, base_dir };
  gsize body = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (text, length, NULL))
    {
      add_item (items, BYLINE_CHECK_RECORD, TRUE, NULL,
                g_strdup (_("The article is not valid UTF-8")));
      return g_steal_pointer (&items);
    }

  lines_init (&check.lines, text, length);
  check.references = g_array_new (FALSE, FALSE, sizeof (Reference));
  g_array_set_clear_func (check.references, (GDestroyNotify)reference_clear);

  metadata = byline_front_matter_parse (text, length, &body, &error);
  if (metadata == NULL)
    {
      BylineCheckItem *item = add_item (items, BYLINE_CHECK_RECORD, TRUE, NULL,
                                        g_strdup (error->message));

      item->line = item->column = 1;
      if (!byline_front_matter_find (text, length, &body))
        body = 0;
    }
  for (gsize i = 0; i < body; i++)
    if (text[i] == '\n')
      check.body_line++;

  if (metadata != NULL)
    check_fields (items, metadata);
  check_review (items, &check.lines, text, length);
  check_body (&check, text + body, length - body);
  if (metadata != NULL)
    check_record (&check, metadata, text + body, length - body);

  byline_checklist_sort (items);
  g_array_unref (check.references);
  g_array_unref (check.lines.starts);

  return g_steal_pointer (&items);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GBytes *text = task_data;
  GFile *base_dir = g_object_get_data (G_OBJECT (task), "base-dir");
  gsize length;
  const char *data = g_bytes_get_data (text, &length);

  g_task_return_pointer (task, byline_checklist_check (data, length, base_dir),
                         (GDestroyNotify)g_ptr_array_unref);
}

/**
 * byline_checklist_check_async:
 * @text: the article
 * @base_dir: (nullable): the article's folder
 * @cancellable: (nullable): a cancellable
 * @callback: called with the items
 * @user_data: data for @callback
 *
 * Runs byline_checklist_check() in a worker.
 */
void
byline_checklist_check_async (GBytes              *text,
                              GFile               *base_dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (text != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_checklist_check_async);
  g_task_set_task_data (task, g_bytes_ref (text), (GDestroyNotify)g_bytes_unref);
  if (base_dir != NULL)
    g_object_set_data_full (G_OBJECT (task), "base-dir", g_object_ref (base_dir), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, check_thread);
}

/**
 * byline_checklist_check_finish:
 *
 * Returns: (transfer full) (element-type BylineCheckItem): the items
 */
GPtrArray *
byline_checklist_check_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_checklist_has_blockers:
 * @items: (element-type BylineCheckItem) (nullable): items
 *
 * Returns: %TRUE if an item keeps the article from being published
 */
gboolean
byline_checklist_has_blockers (GPtrArray *items)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (((BylineCheckItem *)g_ptr_array_index (items, i))->blocker)
      return TRUE;

  return FALSE;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const BylineCheckItem *x = *(BylineCheckItem * const *)a;
  const BylineCheckItem *y = *(BylineCheckItem * const *)b;

  /* Blockers first, then in the order of the article: fields, then lines. */
  if (x->blocker != y->blocker)
    return x->blocker ? -1 : 1;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;

  return 0;
}

/**
 * byline_checklist_sort:
 * @items: (element-type BylineCheckItem): items
 *
 * Orders @items as the checklist shows them: blockers first, then by place in the article;
 * items in the same place keep their order.
 */
void
byline_checklist_sort (GPtrArray *items)
{
  g_return_if_fail (items != NULL);

  /* A stable sort (GLib 2.32). */
  g_ptr_array_sort (items, compare_items);
}
