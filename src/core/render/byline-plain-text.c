/* byline-plain-text.c
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

#define G_LOG_DOMAIN "byline-plain-text"

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "byline-plain-text.h"
#include "byline-renderer-private.h"

/*
 * The plain text of an article, for `textContent`: the lexicon asks for no
 * Markdown and no HTML. The cmark-gfm tree is walked with its (non-recursive)
 * iterator so that hostile nesting costs no stack. Blocks are separated by a blank
 * line; list items and table rows by a single newline; table cells by a tab.
 * Link text and image alt text are kept, URLs and raw HTML tags dropped.
 */

typedef struct
{
  GString    *out;
  const char *pending;     /* separator to write before the next text */
} PlainText;

static const char * const extension_names[] = {
  "table", "strikethrough", "autolink", "tagfilter", "tasklist",
};

static void
append (PlainText  *pt,
        const char *text,
        gsize       len)
{
  if (len == 0)
    return;

  if (pt->pending != NULL && pt->out->len > 0)
    g_string_append (pt->out, pt->pending);
  pt->pending = NULL;

  /* cmark-gfm can cut a character in two: the text of "[^\n\uFFFD\b]" ends in "\xEF". */
  if (!g_utf8_validate_len (text, len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, len);

      g_string_append (pt->out, valid);
      return;
    }

  g_string_append_len (pt->out, text, len);
}

static void
separate (PlainText  *pt,
          const char *separator)
{
  /* A blank line wins over a single newline when both are asked for. */
  if (pt->pending == NULL || strlen (separator) > strlen (pt->pending))
    pt->pending = separator;
}

static void
append_literal (PlainText  *pt,
                cmark_node *node,
                gboolean    trim_newline)
{
  const char *text = cmark_node_get_literal (node);
  gsize len;

  if (text == NULL)
    return;

  len = strlen (text);
  while (trim_newline && len > 0 && text[len - 1] == '\n')
    len--;

  append (pt, text, len);
}

static void
enter_node (PlainText  *pt,
            cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_ITEM)
    {
      cmark_node *list = cmark_node_parent (node);
      cmark_node *list_parent = list ? cmark_node_parent (list) : NULL;

      /* Items go on their own lines, a nested list right below its item. */
      if (cmark_node_previous (node) != NULL ||
          (list_parent != NULL && cmark_node_get_type (list_parent) == CMARK_NODE_ITEM &&
           cmark_node_previous (list) != NULL))
        separate (pt, "\n");
      return;
    }

  if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && type > CMARK_NODE_FOOTNOTE_DEFINITION)
    {
      /* Table nodes are registered by the extension and have no public constant. */
      const char *name = cmark_node_get_type_string (node);

      if (strcmp (name, "table_row") == 0 || strcmp (name, "table_header") == 0)
        separate (pt, cmark_node_previous (node) != NULL ? "\n" : "\n\n");
      else if (strcmp (name, "table_cell") == 0 && cmark_node_previous (node) != NULL)
        separate (pt, " ");
      return;
    }

  switch ((int)type)
    {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
      {
        cmark_node *parent = cmark_node_parent (node);

        gboolean in_item = parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM;

        /* The first block of a list item follows the item's own separator;
         * a nested list starts on the next line. */
        if (in_item && type == CMARK_NODE_LIST)
          separate (pt, "\n");
        else if (!(in_item && cmark_node_previous (node) == NULL))
          separate (pt, "\n\n");
      }
      break;

    case CMARK_NODE_CODE_BLOCK:
      separate (pt, "\n\n");
      append_literal (pt, node, TRUE);
      break;

    case CMARK_NODE_HTML_BLOCK:
      /* Raw HTML is markup, not text: it is left out. */
      break;

    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      append_literal (pt, node, FALSE);
      break;

    case CMARK_NODE_SOFTBREAK:
      separate (pt, " ");
      break;

    case CMARK_NODE_LINEBREAK:
      separate (pt, "\n");
      break;

    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_FOOTNOTE_REFERENCE:
    default:
      break;
    }
}

/**
 * byline_plain_text_from_markdown:
 * @markdown: GitHub-flavoured Markdown, without front matter
 * @length: the length of @markdown in bytes
 *
 * Returns: (transfer full): the plain text of @markdown
 */
char *
byline_plain_text_from_markdown (const char *markdown,
                                 gsize       length)
{
  PlainText pt = { NULL, };
  cmark_parser *parser;
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (markdown != NULL || length == 0, NULL);

  cmark_gfm_core_extensions_ensure_registered ();

  /* The table extension may touch the parse arena the renderer uses (see there). */
  _byline_renderer_lock_parsing ();

  /* cmark-gfm copies invalid UTF-8 through unless asked to replace it: the text
   * goes into JSON, which must be valid UTF-8. */
  parser = cmark_parser_new (CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8);
  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      cmark_syntax_extension *ext = cmark_find_syntax_extension (extension_names[i]);

      if (ext != NULL)
        cmark_parser_attach_syntax_extension (parser, ext);
    }
  cmark_parser_feed (parser, markdown, length);
  document = cmark_parser_finish (parser);

  pt.out = g_string_sized_new (length / 2 + 16);
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      if (event == CMARK_EVENT_ENTER)
        enter_node (&pt, cmark_iter_get_node (iter));
    }

  cmark_iter_free (iter);
  cmark_node_free (document);
  cmark_parser_free (parser);
  _byline_renderer_unlock_parsing ();

  return g_string_free (pt.out, FALSE);
}
