/* byline-renderer.c
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

#define G_LOG_DOMAIN "byline-renderer"

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <json-glib/json-glib.h>

#include "byline-front-matter.h"
#include "byline-renderer.h"

/*
 * The renderer turns the article's text into the preview's blocks. It never touches GTK and runs
 * in a worker thread: the page hands it an immutable snapshot of the buffer.
 *
 * Each top-level Markdown block is rendered on its own, so the preview can replace only the blocks
 * whose HTML changed. Block 0 is the article header (cover, title, description, date, tags) made
 * from the front matter. Line numbers are those of the whole file, front matter included, so they
 * match the editor's lines for scroll sync.
 */

#define FOOTNOTES_OPEN  "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
#define FOOTNOTES_CLOSE "</ol>\n</section>\n"

typedef struct
{
  char  *html;
  guint  start_line;
  guint  end_line;
} Block;

struct _BylineRenderResult
{
  gatomicrefcount  ref_count;
  GArray          *blocks;
  BylineMetadata  *metadata;
  GError          *error;
};

struct _BylineRenderer
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (BylineRenderer, byline_renderer, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (BylineRenderResult, byline_render_result,
                     byline_render_result_ref, byline_render_result_unref)

static const char *extension_names[] = {
  "table", "strikethrough", "autolink", "tagfilter", "tasklist",
};

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->html, g_free);
}

static BylineRenderResult *
byline_render_result_new (void)
{
  BylineRenderResult *self = g_new0 (BylineRenderResult, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);

  return self;
}

BylineRenderResult *
byline_render_result_ref (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
byline_render_result_unref (BylineRenderResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->blocks, g_array_unref);
      g_clear_object (&self->metadata);
      g_clear_error (&self->error);
      g_free (self);
    }
}

static guint
count_lines (const char *text,
             gsize       length)
{
  guint lines = 0;
  const char *end = text + length;

  for (const char *p = text; p < end && (p = memchr (p, '\n', end - p)); p++)
    lines++;

  return lines;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;

  if (!(utc = g_date_time_new_from_iso8601 (iso, NULL)))
    return g_strdup (iso);

  local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%e %B %Y");
}

static char *
render_header (BylineMetadata *metadata)
{
  g_autoptr(GString) out = g_string_new ("<header class=\"article-header\">");
  g_autofree char *date = NULL;
  const char * const *tags;
  const char *cover;
  const char *title;
  const char *description;

  if (metadata == NULL)
    return g_string_free (g_steal_pointer (&out), FALSE);

  cover = byline_metadata_get_cover_image (metadata);
  title = byline_metadata_get_title (metadata);
  description = byline_metadata_get_description (metadata);
  date = format_date (byline_metadata_get_published_at (metadata));
  tags = byline_metadata_get_tags (metadata);

  if (cover != NULL && *cover != '\0')
    {
      g_string_append (out, "<img class=\"cover\" alt=\"\" src=\"");
      append_escaped (out, cover);
      g_string_append (out, "\">");
    }

  if (title != NULL && *title != '\0')
    {
      g_string_append (out, "<h1 class=\"title\">");
      append_escaped (out, title);
      g_string_append (out, "</h1>");
    }

  if (description != NULL && *description != '\0')
    {
      g_string_append (out, "<p class=\"description\">");
      append_escaped (out, description);
      g_string_append (out, "</p>");
    }

  if (date != NULL || (tags != NULL && tags[0] != NULL))
    {
      g_string_append (out, "<p class=\"byline\">");
      if (date != NULL)
        {
          g_string_append (out, "<time>");
          append_escaped (out, g_strstrip (date));
          g_string_append (out, "</time>");
        }
      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        {
          g_string_append (out, "<span class=\"tag\">");
          append_escaped (out, tags[i]);
          g_string_append (out, "</span>");
        }
      g_string_append (out, "</p>");
    }

  g_string_append (out, "</header>");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static cmark_parser *
create_parser (cmark_llist **extensions)
{
  cmark_parser *parser;

  cmark_gfm_core_extensions_ensure_registered ();

  parser = cmark_parser_new (CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE);

  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      cmark_syntax_extension *ext = cmark_find_syntax_extension (extension_names[i]);

      if (ext != NULL)
        cmark_parser_attach_syntax_extension (parser, ext);
    }

  *extensions = cmark_parser_get_syntax_extensions (parser);

  return parser;
}

/* Footnote definitions are each rendered inside their own list wrapper; keep one wrapper and
 * put every definition in it, so the preview shows one numbered list at the end. */
static char *
strip_footnote_wrapper (char *html)
{
  gsize len = strlen (html);
  gsize open = strlen (FOOTNOTES_OPEN);
  gsize close = strlen (FOOTNOTES_CLOSE);

  if (g_str_has_prefix (html, FOOTNOTES_OPEN) && g_str_has_suffix (html, FOOTNOTES_CLOSE) &&
      len >= open + close)
    {
      memmove (html, html + open, len - open - close);
      html[len - open - close] = '\0';
    }

  return html;
}

static void
add_block (BylineRenderResult *result,
           char               *html,
           guint               start_line,
           guint               end_line)
{
  Block block = { html, start_line, end_line };

  g_array_append_val (result->blocks, block);
}

BylineRenderResult *
byline_renderer_render (BylineRenderer *self,
                        const char     *text,
                        gsize           length)
{
  g_autoptr(BylineRenderResult) result = byline_render_result_new ();
  g_autoptr(GString) footnotes = NULL;
  cmark_llist *extensions = NULL;
  cmark_parser *parser;
  cmark_node *document;
  gsize body_offset = 0;
  guint line_offset;
  guint footnotes_start = 0;
  guint footnotes_end = 0;
  int options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES;

  g_return_val_if_fail (BYLINE_IS_RENDERER (self), NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  /* Raw HTML is kept (the GFM tag filter removes the dangerous tags) because the preview turns
   * off JavaScript markup and loads nothing remote unless the writer allows it. */
  result->metadata = byline_front_matter_parse (text, length, &body_offset, &result->error);
  if (result->metadata == NULL)
    {
      /* Malformed front matter: the body still renders, the error is reported to the page. */
      if (!byline_front_matter_find (text, length, &body_offset))
        body_offset = 0;
    }

  line_offset = count_lines (text, body_offset);
  add_block (result, render_header (result->metadata), 1, MAX (line_offset, 1));

  parser = create_parser (&extensions);
  cmark_parser_feed (parser, text + body_offset, length - body_offset);
  document = cmark_parser_finish (parser);

  for (cmark_node *node = cmark_node_first_child (document);
       node != NULL;
       node = cmark_node_next (node))
    {
      char *html = cmark_render_html (node, options, extensions);
      guint start_line = cmark_node_get_start_line (node) + line_offset;
      guint end_line = MAX (cmark_node_get_end_line (node) + line_offset, start_line);

      if (cmark_node_get_type (node) == CMARK_NODE_FOOTNOTE_DEFINITION)
        {
          if (footnotes == NULL)
            {
              footnotes = g_string_new (FOOTNOTES_OPEN);
              footnotes_start = start_line;
            }
          g_string_append (footnotes, strip_footnote_wrapper (html));
          footnotes_start = MIN (footnotes_start, start_line);
          footnotes_end = MAX (footnotes_end, end_line);
          free (html);
          continue;
        }

      add_block (result, g_strdup (html), start_line, end_line);
      free (html);
    }

  if (footnotes != NULL)
    {
      g_string_append (footnotes, FOOTNOTES_CLOSE);
      add_block (result, g_string_free (g_steal_pointer (&footnotes), FALSE),
                 footnotes_start, footnotes_end);
    }

  cmark_node_free (document);
  cmark_parser_free (parser);

  return g_steal_pointer (&result);
}

static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  gsize length = 0;
  const char *text = g_bytes_get_data (bytes, &length);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task,
                         byline_renderer_render (source_object, text ? text : "", length),
                         (GDestroyNotify)byline_render_result_unref);
}

static void
byline_renderer_class_init (BylineRendererClass *klass)
{
}

static void
byline_renderer_init (BylineRenderer *self)
{
}

/**
 * byline_renderer_new:
 *
 * Creates a renderer. It keeps no state between renders, so one renderer can serve many
 * renders, one at a time or in parallel.
 *
 * Returns: (transfer full): a new #BylineRenderer
 */
BylineRenderer *
byline_renderer_new (void)
{
  return g_object_new (BYLINE_TYPE_RENDERER, NULL);
}

/**
 * byline_renderer_render_async:
 * @self: a #BylineRenderer
 * @text: an immutable snapshot of the article's text
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Renders @text in a worker thread.
 */
void
byline_renderer_render_async (BylineRenderer      *self,
                              GBytes              *text,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_RENDERER (self));
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_renderer_render_async);
  g_task_set_task_data (task, g_bytes_ref (text), (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, render_worker);
}

/**
 * byline_renderer_render_finish:
 *
 * Returns: (transfer full): the result, or %NULL with @error set (cancelled)
 */
BylineRenderResult *
byline_renderer_render_finish (BylineRenderer  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_RENDERER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
byline_render_result_get_n_blocks (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->blocks->len;
}

/**
 * byline_render_result_get_block_html:
 * @self: a #BylineRenderResult
 * @index: the block's index; 0 is the article header
 * @start_line: (out) (optional): first line of the block in the file, from 1
 * @end_line: (out) (optional): last line of the block in the file
 *
 * Returns: (transfer none): the block's HTML
 */
const char *
byline_render_result_get_block_html (BylineRenderResult *self,
                                     guint               index,
                                     guint              *start_line,
                                     guint              *end_line)
{
  const Block *block;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  block = &g_array_index (self->blocks, Block, index);

  if (start_line != NULL)
    *start_line = block->start_line;
  if (end_line != NULL)
    *end_line = block->end_line;

  return block->html;
}

/**
 * byline_render_result_get_metadata:
 *
 * Returns: (transfer none) (nullable): the front matter's metadata, or %NULL when the front
 *   matter could not be read (see byline_render_result_get_error())
 */
BylineMetadata *
byline_render_result_get_metadata (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->metadata;
}

/**
 * byline_render_result_get_error:
 *
 * Returns: (transfer none) (nullable): why the front matter could not be read
 */
const GError *
byline_render_result_get_error (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

static void
add_block_json (JsonBuilder *builder,
                const Block *block)
{
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, block->html);
  json_builder_add_int_value (builder, block->start_line);
  json_builder_add_int_value (builder, block->end_line);
  json_builder_end_array (builder);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * byline_render_result_to_json:
 *
 * The whole document for the preview script: `{"blocks": [[html, start, end], ...]}`.
 *
 * Returns: (transfer full): JSON text
 */
char *
byline_render_result_to_json (BylineRenderResult *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "blocks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->blocks->len; i++)
    add_block_json (builder, &g_array_index (self->blocks, Block, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

/**
 * byline_render_result_diff:
 * @previous: what the preview shows now
 * @current: the new render
 *
 * Computes the smallest change that turns @previous into @current, as JSON for the preview
 * script: `{"at": i, "remove": n, "insert": [[html, start, end], ...], "lines": [[from, to,
 * delta], ...]}`. Blocks before `at` and after the removed range are kept as they are (their DOM
 * nodes survive); `lines` moves the line numbers of kept blocks, in runs of the final indices.
 *
 * Returns: (transfer full) (nullable): JSON text, or %NULL when nothing changed
 */
char *
byline_render_result_diff (BylineRenderResult *previous,
                           BylineRenderResult *current)
{
  g_autoptr(JsonBuilder) builder = NULL;
  guint old_n, new_n, prefix = 0, suffix = 0;
  gboolean lines_open = FALSE;
  gint run_delta = 0;
  guint run_from = 0;
  gboolean changed = FALSE;

  g_return_val_if_fail (previous != NULL, NULL);
  g_return_val_if_fail (current != NULL, NULL);

  old_n = previous->blocks->len;
  new_n = current->blocks->len;

  while (prefix < old_n && prefix < new_n &&
         g_str_equal (g_array_index (previous->blocks, Block, prefix).html,
                      g_array_index (current->blocks, Block, prefix).html))
    prefix++;

  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         g_str_equal (g_array_index (previous->blocks, Block, old_n - 1 - suffix).html,
                      g_array_index (current->blocks, Block, new_n - 1 - suffix).html))
    suffix++;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "at");
  json_builder_add_int_value (builder, prefix);
  json_builder_set_member_name (builder, "remove");
  json_builder_add_int_value (builder, old_n - prefix - suffix);
  json_builder_set_member_name (builder, "insert");
  json_builder_begin_array (builder);
  for (guint i = prefix; i < new_n - suffix; i++)
    add_block_json (builder, &g_array_index (current->blocks, Block, i));
  json_builder_end_array (builder);

  changed = (old_n - prefix - suffix) > 0 || (new_n - prefix - suffix) > 0;

  /* Runs of kept blocks whose line numbers moved by the same amount. */
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < new_n; i++)
    {
      gboolean kept = i < prefix || i >= new_n - suffix;
      guint old_i = i < prefix ? i : i - new_n + old_n;
      gint delta = 0;

      if (kept)
        delta = (gint)g_array_index (current->blocks, Block, i).start_line -
                (gint)g_array_index (previous->blocks, Block, old_i).start_line;

      if (lines_open && (!kept || delta != run_delta))
        {
          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, run_from);
          json_builder_add_int_value (builder, i);
          json_builder_add_int_value (builder, run_delta);
          json_builder_end_array (builder);
          lines_open = FALSE;
        }

      if (kept && delta != 0 && !lines_open)
        {
          lines_open = TRUE;
          run_from = i;
          run_delta = delta;
          changed = TRUE;
        }
    }
  if (lines_open)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, run_from);
      json_builder_add_int_value (builder, new_n);
      json_builder_add_int_value (builder, run_delta);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (!changed)
    return NULL;

  return builder_to_string (builder);
}

/**
 * byline_render_result_to_html:
 *
 * The article as one HTML fragment, header included, each block wrapped as in the preview.
 *
 * Returns: (transfer full): HTML
 */
char *
byline_render_result_to_html (BylineRenderResult *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);

      g_string_append_printf (out, "<div class=\"block\" data-sourcepos=\"%u:1-%u:1\">%s</div>\n",
                              block->start_line, block->end_line, block->html);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
