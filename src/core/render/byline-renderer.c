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

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "byline-front-matter.h"
#include "byline-renderer-private.h"

/*
 * The renderer turns the article's text into the preview's blocks. It never touches GTK and runs
 * in a worker thread: the page hands it an immutable snapshot of the buffer.
 *
 * Each top-level Markdown block is rendered on its own, so the preview can replace only the blocks
 * whose HTML changed. Block 0 is the article header (cover, title, description, date, tags) made
 * from the front matter. Line numbers are those of the whole file, front matter included, so they
 * match the editor's lines for scroll sync.
 *
 * The result also lists the article's headings for the outline, so the window never parses. Only
 * top-level headings count: a heading inside a quote or a list item belongs to what is quoted or
 * listed, not to the article's structure, and the preview scrolls by top-level block anyway.
 * Setext and ATX headings are alike; their text is the plain text of their inlines (markup,
 * raw HTML and footnote references dropped, images by their description, breaks as spaces).
 */

#define FOOTNOTES_OPEN  "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
#define FOOTNOTES_CLOSE "</ol>\n</section>\n"

struct _BylineRenderer
{
  GObject             parent_instance;

  /* The latest result, the base of the next incremental render; guarded by the mutex. */
  GMutex              mutex;
  BylineRenderResult *last;
};

G_DEFINE_FINAL_TYPE (BylineRenderer, byline_renderer, G_TYPE_OBJECT)

static const char *extension_names[] = {
  "table", "strikethrough", "autolink", "tagfilter", "tasklist",
};

/* Parse trees come from cmark-gfm's arena allocator: a render builds a node for each block and
 * inline (over a hundred MB for a 5 MB article) and drops them all at once. Taken from malloc,
 * those pieces were made and freed under the same malloc arena lock the main thread allocates
 * under, and left the heap fragmented: at 5 MB, while a writer typed, the main thread spent a
 * third more CPU per keystroke, renders took a quarter longer and the process kept 30-50 MB more
 * (bench-preview). Small parses (most incremental renders) keep malloc: the arena's first block
 * alone is 4 MB to clear. Builds with AddressSanitizer keep malloc, whose checks an arena would
 * hide.
 *
 * The arena is one for the whole process, and the table extension pushes and pops it during any
 * parse, whatever that parser's allocator: while one parse uses it, no other may run. Every
 * parse with the GFM extensions takes _byline_renderer_lock_parsing(). */
#if defined(__SANITIZE_ADDRESS__)
# define USE_PARSE_ARENA 0
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define USE_PARSE_ARENA 0
# endif
#endif
#ifndef USE_PARSE_ARENA
# define USE_PARSE_ARENA 1
#endif
#define PARSE_ARENA_MIN_BYTES (64 * 1024)

static GMutex parse_lock;

void
_byline_renderer_lock_parsing (void)
{
  g_mutex_lock (&parse_lock);
}

void
_byline_renderer_unlock_parsing (void)
{
  g_mutex_unlock (&parse_lock);
}

guint
_byline_renderer_count_lines (const char *text,
                              gsize       length)
{
  guint lines = 0;
  const char *end = text + length;

  for (const char *p = text; p < end && (p = memchr (p, '\n', end - p)); p++)
    lines++;

  return lines;
}

static cmark_parser *
create_parser (gboolean      in_arena,
               cmark_llist **extensions)
{
  cmark_parser *parser;

  cmark_gfm_core_extensions_ensure_registered ();

  parser = cmark_parser_new_with_mem (CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE,
                                      in_arena ? cmark_get_arena_mem_allocator ()
                                               : cmark_get_default_mem_allocator ());

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

/* Takes @html, a GRefString. */
static Block *
add_block (BylineRenderResult *result,
           char               *html,
           guint               start_line,
           guint               end_line)
{
  Block block = { html, start_line, end_line, 0, 0, FALSE, 0, NULL };

  g_array_append_val (result->blocks, block);

  return &g_array_index (result->blocks, Block, result->blocks->len - 1);
}

static char *
ref_string_take (char *html)
{
  char *ref = g_ref_string_new (html);

  g_free (html);

  return ref;
}

static gboolean
node_is_open_ended (cmark_node *node)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_LIST:
      return TRUE;

    case CMARK_NODE_CODE_BLOCK:
      {
        int length = 0, offset = 0;
        char character = 0;

        return !cmark_node_get_fenced (node, &length, &offset, &character);
      }

    default:
      return FALSE;
    }
}

/* Where @needle first occurs in @text, or %NULL. Not g_strstr_len(): it stops at a NUL byte,
 * and the text may hold one. */
const char *
_byline_renderer_find (const char *text,
                       gsize       length,
                       const char *needle)
{
  const char *end = text + length;
  gsize n = strlen (needle);

  for (const char *p = text; (gsize)(end - p) >= n; p++)
    {
      if ((p = memchr (p, needle[0], end - p)) == NULL || (gsize)(end - p) < n)
        return NULL;
      if (memcmp (p, needle, n) == 0)
        return p;
    }

  return NULL;
}

gboolean
_byline_renderer_contains (const char *text,
                           gsize       length,
                           const char *needle)
{
  return _byline_renderer_find (text, length, needle) != NULL;
}

static void
append_plain_text (GString    *out,
                   cmark_node *node)
{
  for (cmark_node *child = cmark_node_first_child (node);
       child != NULL;
       child = cmark_node_next (child))
    {
      switch ((int)cmark_node_get_type (child))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_string_append (out, cmark_node_get_literal (child));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, ' ');
          break;

        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          break;

        default:
          /* Emphasis, links, images (their description), strikethrough. */
          append_plain_text (out, child);
        }
    }
}

/* The heading's text as the outline shows it, as a GRefString: runs of white space become one
 * space, with none at either end. */
static char *
heading_plain_text (cmark_node *heading)
{
  g_autoptr(GString) raw = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  append_plain_text (raw, heading);

  for (gsize i = 0; i < raw->len; i++)
    {
      if (g_ascii_isspace (raw->str[i]))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, raw->str[i]);
    }

  /* cmark-gfm can cut a character in two; the outline shows this text in a label. */
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (out->str, out->len);

      return g_ref_string_new (valid);
    }

  return g_ref_string_new_len (out->str, out->len);
}

/* Parses @length bytes at @text (whole lines of the body) and appends a block for each
 * top-level node. Line @line_base + 1 and byte @byte_base of the file are where @text starts
 * (both may lie before the file's start when definitions were put in front of a slice).
 * Footnote definitions are gathered in @footnotes.
 *
 * With @definitions, the top-level link reference definitions are collected: they leave no
 * node, so they are the text between nodes, or the start of a paragraph (whose lines are then
 * collected with them). @nested_definitions is set when a node may hold a definition in it (in a
 * quote or a list), which that misses. */
void
_byline_renderer_parse_blocks (BylineRenderResult  *result,
                               const char          *text,
                               gsize                length,
                               gint                 line_base,
                               gssize               byte_base,
                               GString            **footnotes,
                               Block               *footnotes_block,
                               GString             *definitions,
                               gboolean            *nested_definitions)
{
  cmark_llist *extensions = NULL;
  cmark_parser *parser;
  cmark_node *document;
  LineCursor cursor;
  gsize previous_end = 0;
  guint corrected_start = 0;
  int options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES;
  gboolean in_arena = USE_PARSE_ARENA && length >= PARSE_ARENA_MIN_BYTES;
  g_autofree char *masked = NULL;

  _byline_line_cursor_init (&cursor, text, length);

  /* Review marks reach the parser as characters of the same length (positions stay), and
   * leave the HTML as tracked changes. */
  masked = _byline_renderer_review_mask (text, length);

  _byline_renderer_lock_parsing ();
  parser = create_parser (in_arena, &extensions);
  cmark_parser_feed (parser, masked != NULL ? masked : text, length);
  document = cmark_parser_finish (parser);

  for (cmark_node *node = cmark_node_first_child (document);
       node != NULL;
       node = cmark_node_next (node))
    {
      /* The HTML from malloc: the tree's memory goes when the parse ends. */
      char *rendered = cmark_render_html_with_mem (node, options, extensions,
                                                   cmark_get_default_mem_allocator ());
      g_autofree char *repaired = NULL;
      g_autofree char *reviewed = NULL;
      char *html = rendered;
      cmark_node_type type = cmark_node_get_type (node);
      guint start = cmark_node_get_start_line (node);
      guint end = MAX ((guint)cmark_node_get_end_line (node), start);
      gsize start_offset, end_offset, start_byte, end_byte;
      Block *block;

      _byline_renderer_place_block (node, &corrected_start, &start, &end);
      start_offset = _byline_line_cursor_seek (&cursor, start);
      end_offset = _byline_line_cursor_seek (&cursor, end + 1);
      end_offset = _byline_renderer_end_before_blank_lines (text, start_offset, end_offset, start,
                                                            &end);
      start_byte = byte_base + start_offset;
      end_byte = byte_base + end_offset;

      /* cmark-gfm can cut a character in two (a footnote label ending in U+FFFD): the page
       * and the JSON that carries the blocks to it take valid UTF-8 only. */
      if (!g_utf8_validate (rendered, -1, NULL))
        html = repaired = g_utf8_make_valid (rendered, -1);
      if (masked != NULL)
        html = reviewed = _byline_renderer_review_html (html);

      /* A Leaflet block kept as it was: a card, not its JSON. */
      if (type == CMARK_NODE_CODE_BLOCK && g_strcmp0 (cmark_node_get_fence_info (node), "leaflet-block") == 0)
        {
          char *card = _byline_renderer_leaflet_card (cmark_node_get_literal (node));

          if (card != NULL)
            {
              g_free (repaired);
              html = repaired = card;
            }
        }

      if (definitions != NULL)
        {
          if (start_offset > previous_end)
            _byline_renderer_collect_definitions (definitions, text + previous_end, start_offset - previous_end);
          previous_end = MAX (previous_end, end_offset);

          /* A paragraph (or a setext heading) that starts with definitions goes whole with
           * them: parsed before a slice, it defines the same and leaves its block, which the
           * slice drops. */
          if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING)
            {
              if (_byline_renderer_node_may_define (node, text + start_offset, end_offset - start_offset, html))
                _byline_renderer_collect_definitions (definitions, text + start_offset, end_offset - start_offset);
            }
          else if (!*nested_definitions && type != CMARK_NODE_CODE_BLOCK &&
                   type != CMARK_NODE_HTML_BLOCK &&
                   _byline_renderer_node_may_define (node, text + start_offset, end_offset - start_offset, html))
            *nested_definitions = TRUE;
        }

      if (type == CMARK_NODE_FOOTNOTE_DEFINITION)
        {
          if (*footnotes == NULL)
            {
              *footnotes = g_string_new (FOOTNOTES_OPEN);
              footnotes_block->start_line = (guint)((gint)start + line_base);
              footnotes_block->start_byte = start_byte;
            }
          g_string_append (*footnotes, strip_footnote_wrapper (html));
          footnotes_block->start_line = MIN (footnotes_block->start_line, (guint)((gint)start + line_base));
          footnotes_block->end_line = MAX (footnotes_block->end_line, (guint)((gint)end + line_base));
          footnotes_block->start_byte = MIN (footnotes_block->start_byte, start_byte);
          footnotes_block->end_byte = MAX (footnotes_block->end_byte, end_byte);
          free (rendered);
          continue;
        }

      block = add_block (result, g_ref_string_new (html),
                         (guint)((gint)start + line_base), (guint)((gint)end + line_base));
      block->start_byte = start_byte;
      block->end_byte = end_byte;
      block->open_end = node_is_open_ended (node);
      if (type == CMARK_NODE_HEADING)
        {
          block->heading_level = cmark_node_get_heading_level (node);
          block->heading_text = heading_plain_text (node);
          if (masked != NULL)
            _byline_renderer_review_unmask (block->heading_text);
        }
      free (rendered);
    }

  if (definitions != NULL && length > previous_end)
    _byline_renderer_collect_definitions (definitions, text + previous_end, length - previous_end);

  cmark_node_free (document);
  cmark_parser_free (parser);
  if (in_arena)
    cmark_arena_reset ();
  _byline_renderer_unlock_parsing ();
}

/**
 * byline_renderer_render:
 * @self: a #BylineRenderer
 * @text: the article's text
 * @length: its length in bytes
 *
 * Renders the whole of @text.
 *
 * Returns: (transfer full): the result
 */
BylineRenderResult *
byline_renderer_render (BylineRenderer *self,
                        const char     *text,
                        gsize           length)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (BYLINE_IS_RENDERER (self), NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  bytes = g_bytes_new (text, length);

  return byline_renderer_render_bytes (self, NULL, bytes);
}

/* Whether a "\r" between @from and @to ends a line on its own, as cmark-gfm reads it (old Mac
 * line endings); the blocks' line numbers here count "\n" only. */
gboolean
_byline_renderer_has_lone_cr (const char *text,
                              gsize       length,
                              gsize       from,
                              gsize       to)
{
  const char *end = text + MIN (to, length);

  for (const char *p = text + from; p < end && (p = memchr (p, '\r', end - p)); p++)
    if (p + 1 == text + length || p[1] != '\n')
      return TRUE;

  return FALSE;
}

static BylineRenderResult *
render_full (GBytes *bytes)
{
  g_autoptr(BylineRenderResult) result = _byline_render_result_new ();
  g_autoptr(GString) footnotes = NULL;
  Block footnotes_block = { NULL, G_MAXUINT, 0, G_MAXSIZE, 0, FALSE, 0, NULL };
  g_autoptr(GString) definitions = NULL;
  gsize length = 0;
  const char *text = g_bytes_get_data (bytes, &length);
  gsize body_offset = 0;
  gboolean nested_definitions = FALSE;

  if (text == NULL)
    text = "";

  result->text = g_bytes_ref (bytes);
  result->lone_cr = _byline_renderer_has_lone_cr (text, length, 0, length);

  /* Raw HTML is kept (the GFM tag filter removes the dangerous tags) because the preview turns
   * off JavaScript markup and loads nothing remote unless the writer allows it. */
  result->metadata = byline_front_matter_parse (text, length, &body_offset, &result->error);
  if (result->metadata == NULL)
    {
      /* Malformed front matter: the body still renders, the error is reported to the page. */
      if (!byline_front_matter_find (text, length, &body_offset))
        body_offset = 0;
    }

  result->body_offset = body_offset;
  result->line_offset = _byline_renderer_count_lines (text, body_offset);
  add_block (result, ref_string_take (_byline_renderer_render_header (result->metadata)),
             1, MAX (result->line_offset, 1));

  definitions = g_string_new (NULL);
  _byline_renderer_parse_blocks (result, text + body_offset, length - body_offset,
                                 result->line_offset, body_offset, &footnotes, &footnotes_block,
                                 definitions, &nested_definitions);
  result->definitions = g_ref_string_new_len (definitions->str, definitions->len);
  result->nested_definitions = nested_definitions;

  if (footnotes != NULL)
    {
      Block *block;

      g_string_append (footnotes, FOOTNOTES_CLOSE);
      block = add_block (result, ref_string_take (g_string_free (g_steal_pointer (&footnotes), FALSE)),
                         footnotes_block.start_line, footnotes_block.end_line);
      block->start_byte = footnotes_block.start_byte;
      block->end_byte = footnotes_block.end_byte;
      result->has_footnotes = TRUE;
    }

  return g_steal_pointer (&result);
}

/* The blocks that are headings, by index. */
static void
collect_headings (BylineRenderResult *result)
{
  result->headings = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < result->blocks->len; i++)
    if (g_array_index (result->blocks, Block, i).heading_level > 0)
      g_array_append_val (result->headings, i);
}

/**
 * byline_renderer_render_bytes:
 * @self: a #BylineRenderer
 * @previous: (nullable): an earlier result, whose unchanged blocks may be kept
 * @text: the article's text
 *
 * Renders @text. With @previous, only the blocks around what changed are parsed again when
 * that gives the same result as a full render; otherwise the whole text is parsed.
 *
 * Returns: (transfer full): the result
 */
BylineRenderResult *
byline_renderer_render_bytes (BylineRenderer     *self,
                              BylineRenderResult *previous,
                              GBytes             *text)
{
  BylineRenderResult *result = NULL;

  g_return_val_if_fail (BYLINE_IS_RENDERER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* After a provisional result, the whole text: links elsewhere catch up with the edit. */
  if (previous != NULL && previous->text != NULL && !previous->provisional)
    result = _byline_renderer_render_partial (previous, text);

  if (result == NULL)
    result = render_full (text);

  collect_headings (result);

  return result;
}

static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BylineRenderer *self = source_object;
  g_autoptr(BylineRenderResult) previous = NULL;
  BylineRenderResult *result;
  GBytes *bytes = task_data;
#ifdef __GLIBC__
  gboolean trim;
#endif

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->mutex);
  if (self->last != NULL)
    previous = byline_render_result_ref (self->last);
  g_mutex_unlock (&self->mutex);

  result = byline_renderer_render_bytes (self, previous, bytes);

  /* The preview shows @previous: compare here rather than on the main thread. */
  if (previous != NULL)
    _byline_render_result_prepare_patch (result, previous);

#ifdef __GLIBC__
  /* A full render of a long article built and freed a parse tree of a hundred MB or more. */
  trim = !result->partial && g_bytes_get_size (bytes) > 1024 * 1024;
#endif

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->last, byline_render_result_unref);
  self->last = byline_render_result_ref (result);
  g_mutex_unlock (&self->mutex);

  g_task_return_pointer (task, result, (GDestroyNotify)byline_render_result_unref);

#ifdef __GLIBC__
  /* Give its pages back to the system rather than keep them in malloc's free lists (once the
   * result is on its way: this is not on the way to the preview). The incremental renders that
   * follow allocate little. */
  if (trim)
    malloc_trim (0);
#endif
}

static void
byline_renderer_finalize (GObject *object)
{
  BylineRenderer *self = BYLINE_RENDERER (object);

  g_clear_pointer (&self->last, byline_render_result_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (byline_renderer_parent_class)->finalize (object);
}

static void
byline_renderer_class_init (BylineRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_renderer_finalize;
}

static void
byline_renderer_init (BylineRenderer *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * byline_renderer_new:
 *
 * Creates a renderer. Asynchronous renders start from the renderer's latest result, so a
 * renderer serves one text (one document); byline_renderer_render() and
 * byline_renderer_render_bytes() keep no state.
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
