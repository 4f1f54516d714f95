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
 *
 * The result also lists the article's headings for the outline, so the window never parses. Only
 * top-level headings count: a heading inside a quote or a list item belongs to what is quoted or
 * listed, not to the article's structure, and the preview scrolls by top-level block anyway.
 * Setext and ATX headings are alike; their text is the plain text of their inlines (markup,
 * raw HTML and footnote references dropped, images by their description, breaks as spaces).
 */

#define FOOTNOTES_OPEN  "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
#define FOOTNOTES_CLOSE "</ol>\n</section>\n"

/* A top-level block. `html` is a GRefString, shared by the results that keep the block. Its
 * source is the bytes [start_byte, end_byte) of the text: whole lines, the last one with its
 * newline. `open_end` marks blocks that may swallow what follows a blank line (lists, indented
 * code), after which an incremental render may not start. */
typedef struct
{
  char     *html;
  guint     start_line;
  guint     end_line;
  gsize     start_byte;
  gsize     end_byte;
  gboolean  open_end;
  guint     heading_level;
  char     *heading_text;
} Block;

struct _BylineRenderResult
{
  gatomicrefcount  ref_count;
  GArray          *blocks;
  GArray          *headings;
  BylineMetadata  *metadata;
  GError          *error;

  /* What an incremental render needs from the previous result */
  GBytes          *text;
  char            *definitions;
  gsize            body_offset;
  guint            line_offset;
  guint            has_footnotes : 1;
  guint            nested_definitions : 1;
  guint            partial : 1;
};

struct _BylineRenderer
{
  GObject             parent_instance;

  /* The latest result, the base of the next incremental render; guarded by the mutex. */
  GMutex              mutex;
  BylineRenderResult *last;
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

  g_clear_pointer (&block->html, g_ref_string_release);
  g_clear_pointer (&block->heading_text, g_ref_string_release);
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
      g_clear_pointer (&self->headings, g_array_unref);
      g_clear_object (&self->metadata);
      g_clear_error (&self->error);
      g_clear_pointer (&self->text, g_bytes_unref);
      g_clear_pointer (&self->definitions, g_ref_string_release);
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

/* Finds the byte offset where a line starts, moving forward from the last answer. */
typedef struct
{
  const char *text;
  gsize       length;
  gsize       offset;
  guint       line;
} LineCursor;

static void
line_cursor_init (LineCursor *cursor,
                  const char *text,
                  gsize       length)
{
  cursor->text = text;
  cursor->length = length;
  cursor->offset = 0;
  cursor->line = 1;
}

static gsize
line_cursor_seek (LineCursor *cursor,
                  guint       line)
{
  if (line < cursor->line)
    {
      cursor->offset = 0;
      cursor->line = 1;
    }

  while (cursor->line < line && cursor->offset < cursor->length)
    {
      const char *nl = memchr (cursor->text + cursor->offset, '\n',
                               cursor->length - cursor->offset);

      cursor->offset = nl ? (gsize)(nl - cursor->text) + 1 : cursor->length;
      cursor->line++;
    }

  return cursor->offset;
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

static gboolean
contains (const char *text,
          gsize       length,
          const char *needle)
{
  return length > 0 && g_strstr_len (text, length, needle) != NULL;
}

static gboolean
has_graph (const char *text,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (g_ascii_isgraph (text[i]))
      return TRUE;

  return FALSE;
}

/* Appends the link reference definitions among the lines of @text, which lie between
 * top-level nodes. Node ends are not always reported on their last line (an HTML comment's
 * closing line, a list's last lines), so only lines that look like a definition are taken:
 * "[label]: destination" within three spaces of the margin, and the lines after one up to a
 * blank line (a destination or title of its own). */
static void
collect_definitions (GString    *definitions,
                     const char *text,
                     gsize       length)
{
  const char *end = text + length;
  const char *line = text;
  gboolean continues = FALSE;

  while (line < end)
    {
      const char *line_end = memchr (line, '\n', end - line);
      const char *p = line;
      const char *colon;

      line_end = line_end ? line_end + 1 : end;
      while (p < line_end && *p == ' ' && p - line < 3)
        p++;

      /* Footnote definitions are containers that would take in what follows; an unused one
       * leaves no node, so it can be found here too. */
      if (p + 1 < line_end && p[0] == '[' && p[1] != '^' &&
          (colon = g_strstr_len (p, line_end - p, "]:")))
        {
          g_string_append_len (definitions, line, line_end - line);
          if (line_end == end || line_end[-1] != '\n')
            g_string_append_c (definitions, '\n');
          continues = TRUE;
        }
      else if (continues && has_graph (line, line_end - line))
        {
          /* A destination or title on the lines that follow, up to a blank line. */
          g_string_append_len (definitions, line, line_end - line);
          if (line_end[-1] != '\n')
            g_string_append_c (definitions, '\n');
        }
      else
        {
          continues = FALSE;
        }

      line = line_end;
    }
}

/* Whether a line of @text may hold a link reference definition: one that, past the markers of
 * quotes and list items, starts with "[label]:". */
static gboolean
may_define (const char *text,
            gsize       length)
{
  const char *end = text + length;
  const char *line = text;

  while (line < end)
    {
      const char *line_end = memchr (line, '\n', end - line);
      const char *p = line;

      if (line_end == NULL)
        line_end = end;

      while (p < line_end && (*p == ' ' || *p == '\t' || *p == '>' || *p == '-' || *p == '*' ||
                              *p == '+' || *p == '.' || *p == ')' || g_ascii_isdigit (*p)))
        p++;
      /* Footnotes ("[^label]:") are left to full renders anyway. */
      if (p + 1 < line_end && p[0] == '[' && p[1] != '^')
        {
          const char *q = p + 1;

          /* A label holds no unescaped bracket, and a colon follows it at once. */
          while (q < line_end && *q != ']' && *q != '[')
            q += *q == '\\' ? 2 : 1;
          if (q + 1 < line_end && q[0] == ']' && q[1] == ':')
            return TRUE;
        }

      line = line_end + 1;
    }

  return FALSE;
}

static gboolean
is_leaf_block (cmark_node *node)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
      return TRUE;

    default:
      return g_strcmp0 (cmark_node_get_type_string (node), "table") == 0;
    }
}

/* Whether the top-level @node, whose lines are @text and whose HTML is @html, may hold a link
 * reference definition. Definitions leave no node: they are on lines no leaf block covers, or
 * at the start of a paragraph (which keeps their lines in its range). A paragraph that shows
 * its first line's "[label]:" as text does not start with one. */
static gboolean
node_may_define (cmark_node *node,
                 const char *text,
                 gsize       length,
                 const char *html)
{
  int first = cmark_node_get_start_line (node);
  int n_lines = MAX (cmark_node_get_end_line (node), first) - first + 1;
  g_autofree gboolean *covered = g_new0 (gboolean, n_lines);
  g_autofree const char **lines = g_new0 (const char *, n_lines + 1);
  cmark_iter *iter = cmark_iter_new (node);
  cmark_event_type event;
  gboolean found = FALSE;
  const char *p = text;

  for (int i = 0; i < n_lines; i++)
    {
      const char *nl = memchr (p, '\n', text + length - p);

      lines[i] = p;
      p = nl ? nl + 1 : text + length;
    }
  lines[n_lines] = text + length;

  while (!found && (event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *child = cmark_iter_get_node (iter);
      int start, end;

      if (event != CMARK_EVENT_ENTER || !is_leaf_block (child))
        continue;

      start = cmark_node_get_start_line (child) - first;
      end = MAX (cmark_node_get_end_line (child) - first, start);
      for (int i = MAX (start, 0); i <= end && i < n_lines; i++)
        covered[i] = TRUE;

      if (cmark_node_get_type (child) == CMARK_NODE_PARAGRAPH && start >= 0 && start < n_lines)
        {
          const char *at = lines[start] + MAX (cmark_node_get_start_column (child) - 1, 0);
          const char *label_end;

          found = at < lines[start + 1] && may_define (at, lines[start + 1] - at);

          if (found && (label_end = g_strstr_len (at, lines[start + 1] - at, "]:")) != NULL)
            {
              char *own = child == node ? (char *)html : cmark_render_html (child, 0, NULL);
              const char *p_html = own;

              /* Nested paragraphs may sit in a tight list, without <p>. */
              if (g_str_has_prefix (p_html, "<p>"))
                p_html += 3;
              if (strncmp (p_html, at, label_end + 2 - at) == 0)
                found = FALSE;

              /* Or as a link to an earlier definition: "<a href=…>label</a>:". */
              if (found && g_str_has_prefix (p_html, "<a href=\"") && (p_html = strchr (p_html, '>')) &&
                  strncmp (p_html + 1, at + 1, label_end - at - 1) == 0 &&
                  g_str_has_prefix (p_html + 1 + (label_end - at - 1), "</a>:"))
                found = FALSE;
              if (own != html)
                free (own);
            }
        }
    }
  cmark_iter_free (iter);

  /* A footnote's own label. */
  if (cmark_node_get_type (node) == CMARK_NODE_FOOTNOTE_DEFINITION)
    covered[0] = TRUE;

  for (int i = 0; !found && i < n_lines; i++)
    found = !covered[i] && may_define (lines[i], lines[i + 1] - lines[i]);

  return found;
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

  return g_ref_string_new_len (out->str, out->len);
}

/* Parses @length bytes at @text (whole lines of the body) and appends a block for each
 * top-level node. Line @line_base + 1 and byte @byte_base of the file are where @text starts
 * (both may lie before the file's start when definitions were put in front of a slice).
 * Footnote definitions are gathered in @footnotes.
 *
 * With @definitions, the top-level link reference definitions are collected: they leave no
 * node, so they are the text between nodes. @nested_definitions is set when a node may hold a
 * definition in it (in a quote or list, or at the start of a paragraph), which that misses. */
static void
parse_blocks (BylineRenderResult  *result,
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
  int options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES;

  line_cursor_init (&cursor, text, length);

  parser = create_parser (&extensions);
  cmark_parser_feed (parser, text, length);
  document = cmark_parser_finish (parser);

  for (cmark_node *node = cmark_node_first_child (document);
       node != NULL;
       node = cmark_node_next (node))
    {
      char *html = cmark_render_html (node, options, extensions);
      cmark_node_type type = cmark_node_get_type (node);
      guint start = cmark_node_get_start_line (node);
      guint end = MAX ((guint)cmark_node_get_end_line (node), start);
      gsize start_offset = line_cursor_seek (&cursor, start);
      gsize end_offset = line_cursor_seek (&cursor, end + 1);
      gsize start_byte = byte_base + start_offset;
      gsize end_byte = byte_base + end_offset;
      Block *block;

      if (definitions != NULL)
        {
          if (start_offset > previous_end)
            collect_definitions (definitions, text + previous_end, start_offset - previous_end);
          previous_end = MAX (previous_end, end_offset);

          if (!*nested_definitions && type != CMARK_NODE_CODE_BLOCK &&
              type != CMARK_NODE_HTML_BLOCK &&
              node_may_define (node, text + start_offset, end_offset - start_offset, html))
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
          free (html);
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
        }
      free (html);
    }

  if (definitions != NULL && length > previous_end)
    collect_definitions (definitions, text + previous_end, length - previous_end);

  cmark_node_free (document);
  cmark_parser_free (parser);
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

static BylineRenderResult *
render_full (GBytes *bytes)
{
  g_autoptr(BylineRenderResult) result = byline_render_result_new ();
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
  result->line_offset = count_lines (text, body_offset);
  add_block (result, ref_string_take (render_header (result->metadata)),
             1, MAX (result->line_offset, 1));

  definitions = g_string_new (NULL);
  parse_blocks (result, text + body_offset, length - body_offset, result->line_offset,
                body_offset, &footnotes, &footnotes_block, definitions, &nested_definitions);
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

static void
copy_block (BylineRenderResult *result,
            const Block        *block,
            gssize              byte_delta,
            gint                line_delta)
{
  Block copy = *block;

  copy.html = g_ref_string_acquire (block->html);
  if (block->heading_text != NULL)
    copy.heading_text = g_ref_string_acquire (block->heading_text);
  copy.start_line += line_delta;
  copy.end_line += line_delta;
  copy.start_byte += byte_delta;
  copy.end_byte += byte_delta;
  g_array_append_val (result->blocks, copy);
}

static gboolean
line_is_blank (const char *text,
               gsize       end)
{
  /* The line that ends just before @end (which starts a line). */
  gsize i = end;

  if (i == 0 || text[i - 1] != '\n')
    return FALSE;
  for (i--; i > 0 && text[i - 1] != '\n'; i--)
    if (!g_ascii_isspace (text[i - 1]))
      return FALSE;

  return TRUE;
}

/* Renders @bytes by re-parsing only the blocks around what changed since @previous, between
 * top-level block boundaries where the parser's state is known to be empty. Returns %NULL when
 * that cannot be done safely, and a full render must be done. */
static BylineRenderResult *
render_partial (BylineRenderResult *previous,
                GBytes             *bytes)
{
  g_autoptr(BylineRenderResult) result = NULL;
  gsize old_len = 0, new_len = 0;
  const char *old = g_bytes_get_data (previous->text, &old_len);
  const char *new = g_bytes_get_data (bytes, &new_len);
  guint n_body = previous->blocks->len - 1 - (previous->has_footnotes ? 1 : 0);
  const Block *blocks = &g_array_index (previous->blocks, Block, 0);
  gssize byte_delta = (gssize)new_len - (gssize)old_len;
  gsize prefix = 0, suffix = 0, change_end, region_start;
  guint first, sync;

  if (previous->metadata == NULL || previous->error != NULL || n_body == 0 ||
      old == NULL || new == NULL)
    return NULL;

  while (prefix < old_len && prefix < new_len && old[prefix] == new[prefix])
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         old[old_len - 1 - suffix] == new[new_len - 1 - suffix])
    suffix++;
  change_end = old_len - suffix;

  /* The front matter, or the line right after it, changed. */
  if (prefix <= previous->body_offset)
    return NULL;

  /* The last block that starts at or before the change: an edit right after a block's end (in
   * the blank line after it) may join the two. Then back to a block that follows a blank line
   * after a block that cannot continue past it. */
  first = 1;
  for (guint i = 1; i <= n_body && blocks[i].start_byte <= prefix; i++)
    first = i;
  while (first > 1 && (blocks[first - 1].open_end || !line_is_blank (old, blocks[first].start_byte)))
    first--;
  region_start = first == 1 ? previous->body_offset : blocks[first].start_byte;

  /* The first block after the change is where the new parse must meet the old one again. */
  for (sync = first; sync <= n_body && blocks[sync].start_byte <= change_end; sync++)
    ;

  /* When the change reaches the last block, the slice runs to the end of the text. */
  for (guint attempt = 0; attempt < 4 && sync <= n_body + 1; attempt++, sync++)
    {
      g_autoptr(BylineRenderResult) partial = NULL;
      g_autoptr(GString) footnotes = NULL;
      Block footnotes_block = { NULL, G_MAXUINT, 0, G_MAXSIZE, 0, FALSE, 0, NULL };
      const Block *target = sync <= n_body ? &blocks[sync] : NULL;
      gsize old_end = target ? target->end_byte : old_len;
      gsize new_end = target ? old_end + byte_delta : new_len;
      const char *slice = new + region_start;
      gsize slice_len = new_end - region_start;
      guint base_line = first == 1 ? previous->line_offset + 1 : blocks[first].start_line;
      g_autofree char *combined = NULL;
      const char *input = slice;
      gsize input_len = slice_len;
      gsize definitions_len = 0;
      guint definitions_lines = 0;
      gint line_delta;
      const Block *last;

      /* Footnotes and definitions made or unmade by the edit reach across blocks: leave them
       * to a full render, as well as brackets that may use a definition the collected ones
       * miss (one inside a quote or a list). */
      if (contains (old + region_start, old_end - region_start, "]:") ||
          contains (old + region_start, old_end - region_start, "[^") ||
          contains (slice, slice_len, "]:") ||
          contains (slice, slice_len, "[^") ||
          (previous->nested_definitions && contains (slice, slice_len, "]")))
        return NULL;

      /* Brackets in the slice may use the document's definitions: parse them first. They
       * leave no node behind. */
      if (previous->definitions[0] != '\0' && contains (slice, slice_len, "]"))
        {
          definitions_len = strlen (previous->definitions) + 1;
          combined = g_malloc (definitions_len + slice_len);
          memcpy (combined, previous->definitions, definitions_len - 1);
          combined[definitions_len - 1] = '\n';
          memcpy (combined + definitions_len, slice, slice_len);
          definitions_lines = count_lines (combined, definitions_len);
          input = combined;
          input_len = definitions_len + slice_len;
        }

      line_delta = (gint)count_lines (new + prefix, new_len - suffix - prefix) -
                   (gint)count_lines (old + prefix, change_end - prefix);

      partial = byline_render_result_new ();
      parse_blocks (partial, input, input_len, (gint)base_line - 1 - (gint)definitions_lines,
                    (gssize)region_start - (gssize)definitions_len,
                    &footnotes, &footnotes_block, NULL, NULL);
      if (footnotes != NULL || (target != NULL && partial->blocks->len == 0))
        return NULL;
      if (partial->blocks->len > 0 &&
          (gint)g_array_index (partial->blocks, Block, 0).start_line < (gint)base_line)
        return NULL;

      /* The slice must end with the target block, parsed as before: the parser's state
       * after it is then the same as in the previous render. */
      last = partial->blocks->len > 0
           ? &g_array_index (partial->blocks, Block, partial->blocks->len - 1) : NULL;
      if (target != NULL &&
          (last->start_line != target->start_line + line_delta ||
          last->end_line != target->end_line + line_delta ||
          last->start_byte != target->start_byte + byte_delta ||
          last->end_byte != new_end ||
          strcmp (last->html, target->html) != 0))
        continue;

      result = byline_render_result_new ();
      result->text = g_bytes_ref (bytes);
      result->metadata = g_object_ref (previous->metadata);
      result->body_offset = previous->body_offset;
      result->line_offset = previous->line_offset;
      result->has_footnotes = previous->has_footnotes;
      result->definitions = g_ref_string_acquire (previous->definitions);
      result->nested_definitions = previous->nested_definitions;
      result->partial = TRUE;

      for (guint i = 0; i < first; i++)
        copy_block (result, &blocks[i], 0, 0);
      for (guint i = 0; i + (target ? 1 : 0) < partial->blocks->len; i++)
        copy_block (result, &g_array_index (partial->blocks, Block, i), 0, 0);
      if (target != NULL)
        copy_block (result, target, byte_delta, line_delta);
      for (guint i = sync + 1; i <= n_body; i++)
        copy_block (result, &blocks[i], byte_delta, line_delta);

      if (previous->has_footnotes)
        {
          Block footnote = blocks[n_body + 1];

          /* The definitions are outside the slice: move each end that lies after it. */
          footnote.html = g_ref_string_acquire (footnote.html);
          if (footnote.start_byte >= old_end)
            {
              footnote.start_byte += byte_delta;
              footnote.start_line += line_delta;
            }
          if (footnote.end_byte >= old_end)
            {
              footnote.end_byte += byte_delta;
              footnote.end_line += line_delta;
            }
          g_array_append_val (result->blocks, footnote);
        }

      return g_steal_pointer (&result);
    }

  return NULL;
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

  if (previous != NULL && previous->text != NULL)
    result = render_partial (previous, text);

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

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->mutex);
  if (self->last != NULL)
    previous = byline_render_result_ref (self->last);
  g_mutex_unlock (&self->mutex);

  result = byline_renderer_render_bytes (self, previous, bytes);

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->last, byline_render_result_unref);
  self->last = byline_render_result_ref (result);
  g_mutex_unlock (&self->mutex);

  g_task_return_pointer (task, result, (GDestroyNotify)byline_render_result_unref);
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
 * byline_render_result_get_n_headings:
 *
 * How many headings the article has; see byline_render_result_get_heading().
 */
guint
byline_render_result_get_n_headings (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->headings != NULL ? self->headings->len : 0;
}

/**
 * byline_render_result_get_heading:
 * @self: a #BylineRenderResult
 * @index: the heading's index, in the order of the text
 * @level: (out) (optional): the heading's level, 1 to 6
 * @line: (out) (optional): the heading's first line in the file, from 1
 *
 * A top-level heading of the article. Headings in quotes and list items are not listed.
 *
 * Returns: (transfer none): the heading's plain text, without markup; it may be empty
 */
const char *
byline_render_result_get_heading (BylineRenderResult *self,
                                  guint               index,
                                  guint              *level,
                                  guint              *line)
{
  const Block *block;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < byline_render_result_get_n_headings (self), NULL);

  block = &g_array_index (self->blocks, Block, g_array_index (self->headings, guint, index));

  if (level != NULL)
    *level = block->heading_level;
  if (line != NULL)
    *line = block->start_line;

  return block->heading_text;
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

static inline gboolean
same_html (const char *a,
           const char *b)
{
  return a == b || strcmp (a, b) == 0;
}

/**
 * byline_render_result_is_partial:
 *
 * Whether the result was made by parsing only the changed region of the text again.
 */
gboolean
byline_render_result_is_partial (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->partial;
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

  /* Blocks kept by an incremental render share their strings: most compare by pointer. */
  while (prefix < old_n && prefix < new_n &&
         same_html (g_array_index (previous->blocks, Block, prefix).html,
                    g_array_index (current->blocks, Block, prefix).html))
    prefix++;

  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         same_html (g_array_index (previous->blocks, Block, old_n - 1 - suffix).html,
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
