/* byline-leaflet-import.c
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


#define G_LOG_DOMAIN "byline-leaflet-import"

#include "config.h"

#include <string.h>

#include "byline-json.h"
#include "byline-leaflet-private.h"

/*
 * Leaflet blocks -> Markdown, the inverse of byline-leaflet-export.c. Each block is
 * written as Markdown, then read back with the export: if that does not give the
 * same block (same text, same marks on the same bytes), the marks are written as
 * HTML tags instead of `**`/`*`/`~~`, and if that fails too the block stays in the
 * article as a placeholder, a ```` ```leaflet-block ```` fence holding its JSON,
 * which the export writes back unchanged. Nothing is dropped.
 */

typedef enum
{
  MODE_DELIMITERS,
  MODE_TAGS,
} Mode;

typedef enum
{
  KIND_BOLD,
  KIND_ITALIC,
  KIND_STRIKE,
  KIND_CODE,
  KIND_UNDERLINE,
  KIND_HIGHLIGHT,
  KIND_LINK,
  KIND_SPAN,
} Kind;

static Kind
classify (JsonNode *feature)
{
  static const struct { const char *name; Kind kind; } simple[] = {
    { "bold", KIND_BOLD }, { "italic", KIND_ITALIC }, { "strikethrough", KIND_STRIKE },
    { "code", KIND_CODE }, { "underline", KIND_UNDERLINE }, { "highlight", KIND_HIGHLIGHT },
  };
  const char *name = _byline_leaflet_feature_name (feature);
  JsonObject *object;
  const char *value;
  guint size;

  if (name == NULL)
    return KIND_SPAN;
  object = json_node_get_object (feature);
  size = json_object_get_size (object);

  for (guint i = 0; i < G_N_ELEMENTS (simple); i++)
    if (strcmp (name, simple[i].name) == 0)
      return size == 1 ? simple[i].kind : KIND_SPAN;

  if (size != 2)
    return KIND_SPAN;
  if (strcmp (name, "link") == 0 && (value = byline_json_object_get_string (object, "uri")) != NULL &&
      !g_str_has_prefix (value, "did:") && !g_str_has_prefix (value, "at://") && !strchr (value, '\n'))
    return KIND_LINK;
  if (strcmp (name, "didMention") == 0 && (value = byline_json_object_get_string (object, "did")) != NULL &&
      g_str_has_prefix (value, "did:") && !strchr (value, '\n'))
    return KIND_LINK;
  if (strcmp (name, "atMention") == 0 && (value = byline_json_object_get_string (object, "atURI")) != NULL &&
      g_str_has_prefix (value, "at://") && !strchr (value, '\n'))
    return KIND_LINK;

  return KIND_SPAN;
}

static const char *
link_target (JsonNode *feature)
{
  JsonObject *object = json_node_get_object (feature);
  const char *value;

  if ((value = byline_json_object_get_string (object, "uri")) != NULL ||
      (value = byline_json_object_get_string (object, "did")) != NULL ||
      (value = byline_json_object_get_string (object, "atURI")) != NULL)
    return value;
  return "";
}

static void
append_open (GString  *out,
             JsonNode *feature,
             Mode      mode)
{
  switch (classify (feature))
    {
    case KIND_BOLD: g_string_append (out, mode == MODE_TAGS ? "<strong>" : "**"); break;
    case KIND_ITALIC: g_string_append (out, mode == MODE_TAGS ? "<em>" : "*"); break;
    case KIND_STRIKE: g_string_append (out, mode == MODE_TAGS ? "<del>" : "~~"); break;
    case KIND_UNDERLINE: g_string_append (out, "<u>"); break;
    case KIND_HIGHLIGHT: g_string_append (out, "<mark>"); break;
    case KIND_LINK: g_string_append_c (out, '['); break;
    case KIND_CODE:
    case KIND_SPAN:
    default:
      {
        g_autofree char *json = byline_json_to_string (feature, FALSE, NULL);

        g_string_append (out, "<span data-leaflet=\"");
        for (const char *p = json; *p; p++)
          switch (*p)
            {
            case '"': g_string_append (out, "&quot;"); break;
            case '&': g_string_append (out, "&amp;"); break;
            case '<': g_string_append (out, "&lt;"); break;
            case '>': g_string_append (out, "&gt;"); break;
            default: g_string_append_c (out, *p); break;
            }
        g_string_append (out, "\">");
      }
      break;
    }
}

static void
append_close (GString  *out,
              JsonNode *feature,
              Mode      mode)
{
  switch (classify (feature))
    {
    case KIND_BOLD: g_string_append (out, mode == MODE_TAGS ? "</strong>" : "**"); break;
    case KIND_ITALIC: g_string_append (out, mode == MODE_TAGS ? "</em>" : "*"); break;
    case KIND_STRIKE: g_string_append (out, mode == MODE_TAGS ? "</del>" : "~~"); break;
    case KIND_UNDERLINE: g_string_append (out, "</u>"); break;
    case KIND_HIGHLIGHT: g_string_append (out, "</mark>"); break;
    case KIND_LINK:
      g_string_append (out, "](<");
      for (const char *p = link_target (feature); *p; p++)
        {
          if (strchr ("<>\\&", *p))
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append (out, ">)");
      break;
    case KIND_CODE:
    case KIND_SPAN:
    default:
      g_string_append (out, "</span>");
      break;
    }
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
looks_like_entity (const char *p)
{
  const char *q = p + 1;

  if (*q == '#')
    q++;
  if (!g_ascii_isalnum (*q))
    return FALSE;
  while (g_ascii_isalnum (*q))
    q++;
  return *q == ';';
}

/* Where the text written so far stands, carried from one run of text to the next so that
 * writing a block stays linear in its length. */
typedef struct
{
  gsize    line;        /* the start of the current line */
  gboolean leading;     /* only blanks since then */
  gsize    blank_end;   /* the end of the run of blanks last looked at */
} TextState;

/* The plain text between @start and @end, escaped so that Markdown reads it back as it is. */
static void
append_text (GString    *out,
             const char *text,
             gsize       length,
             gsize       start,
             gsize       end,
             const char *prefix,
             gboolean    heading,
             TextState  *state)
{
  gsize line = state->line;
  gsize blank_end = state->blank_end;
  gboolean leading = state->leading;

  for (gsize p = start; p < end; p++)
    {
      char c = text[p];
      gboolean trailing;

      if (c == '\n')
        {
          g_string_append (out, "\\\n");
          g_string_append (out, prefix);
          line = p + 1;
          leading = TRUE;
          continue;
        }
      if (is_blank (c))
        {
          if (blank_end <= p)
            for (blank_end = p; blank_end < length && is_blank (text[blank_end]); blank_end++)
              ;
          trailing = blank_end == length || text[blank_end] == '\n';
          if (leading || trailing)
            {
              g_string_append (out, c == ' ' ? "&#32;" : "&#9;");
              continue;
            }
          g_string_append_c (out, c);
          continue;
        }
      if (c == '\r')
        {
          g_string_append (out, "&#13;");
          leading = FALSE;
          continue;
        }

      /* GFM links an address wherever it stands, escaped or not: an empty comment
       * keeps it plain text. */
      if (c == '@' && p > 0 && (g_ascii_isalnum (text[p - 1]) || strchr (".-_+", text[p - 1])))
        g_string_append (out, "<!-- -->");

      if (strchr ("\\`*_~[]<|", c) ||
          (c == '&' && looks_like_entity (text + p)) ||
          (c == ':' && p + 2 < length && text[p + 1] == '/' && text[p + 2] == '/') ||
          (c == '.' && p >= 3 && g_ascii_strncasecmp (text + p - 3, "www", 3) == 0) ||
          (c == '$' && p == 0) ||
          (c == '#' && (heading || p == line)) ||
          (p == line && strchr (">-+=", c)))
        g_string_append_c (out, '\\');
      else if ((c == '.' || c == ')') && p > line && p - line <= 9)
        {
          gboolean digits = TRUE;

          for (gsize q = line; q < p && digits; q++)
            digits = g_ascii_isdigit (text[q]);
          if (digits)
            g_string_append_c (out, '\\');
        }
      g_string_append_c (out, c);
      leading = FALSE;
    }

  state->line = line;
  state->leading = leading;
  state->blank_end = blank_end;
}

static gboolean
append_code (GString    *out,
             const char *text,
             gsize       length)
{
  guint longest = 0, run = 0;
  gboolean pad, all_spaces = TRUE;

  if (memchr (text, '\n', length) || memchr (text, '\r', length))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      run = text[i] == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
      all_spaces = all_spaces && text[i] == ' ';
    }
  pad = text[0] == '`' || text[length - 1] == '`' ||
        (text[0] == ' ' && text[length - 1] == ' ' && !all_spaces);

  for (guint i = 0; i <= longest; i++)
    g_string_append_c (out, '`');
  if (pad)
    g_string_append_c (out, ' ');
  g_string_append_len (out, text, length);
  if (pad)
    g_string_append_c (out, ' ');
  for (guint i = 0; i <= longest; i++)
    g_string_append_c (out, '`');

  return TRUE;
}

static gboolean
contains_feature (JsonArray *features,
                  JsonNode  *feature)
{
  for (guint i = 0; features != NULL && i < json_array_get_length (features); i++)
    if (json_node_equal (json_array_get_element (features, i), feature))
      return TRUE;
  return FALSE;
}

typedef struct
{
  gsize      start;
  gsize      end;
  JsonArray *features;   /* NULL: plain */
} Segment;

typedef struct
{
  JsonNode *feature;
  gsize     until;     /* the segment after the feature's last one */
} Opening;

static int
compare_openings (gconstpointer a,
                  gconstpointer b)
{
  const Opening *x = a, *y = b;

  if (x->until != y->until)
    return x->until > y->until ? -1 : 1;
  return (int)classify (y->feature) - (int)classify (x->feature);
}

/* The text of a block with its (canonical) facets as inline Markdown. */
static gboolean
append_inline (GString    *out,
               const char *text,
               JsonArray  *facets,
               Mode        mode,
               const char *prefix,
               gboolean    heading)
{
  gsize length = strlen (text);
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  TextState state = { 0, TRUE, 0 };
  gsize pos = 0;

  for (guint i = 0; i < json_array_get_length (facets); i++)
    {
      JsonObject *facet = json_array_get_object_element (facets, i);
      JsonObject *index = json_object_get_object_member (facet, "index");
      Segment segment = { json_object_get_int_member (index, "byteStart"),
                          json_object_get_int_member (index, "byteEnd"),
                          json_object_get_array_member (facet, "features") };

      if (segment.start > pos)
        {
          Segment plain = { pos, segment.start, NULL };

          g_array_append_val (segments, plain);
        }
      g_array_append_val (segments, segment);
      pos = segment.end;
    }
  if (pos < length)
    {
      Segment plain = { pos, length, NULL };

      g_array_append_val (segments, plain);
    }

  for (guint i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);
      g_autoptr(GArray) openings = g_array_new (FALSE, FALSE, sizeof (Opening));
      gboolean code = FALSE;
      guint keep = 0;

      /* Close what ends here, and what was opened inside it. */
      while (keep < stack->len && contains_feature (segment->features, g_ptr_array_index (stack, keep)))
        keep++;
      while (stack->len > keep)
        {
          append_close (out, g_ptr_array_index (stack, stack->len - 1), mode);
          g_ptr_array_remove_index (stack, stack->len - 1);
        }

      /* Open what starts here, the longest first. */
      for (guint k = 0; segment->features != NULL && k < json_array_get_length (segment->features); k++)
        {
          JsonNode *feature = json_array_get_element (segment->features, k);
          gboolean open = FALSE;
          Opening opening = { feature, i + 1 };

          if (classify (feature) == KIND_CODE)
            {
              code = TRUE;
              continue;
            }
          for (guint s = 0; s < stack->len && !open; s++)
            open = json_node_equal (g_ptr_array_index (stack, s), feature);
          if (open)
            continue;
          while (opening.until < segments->len &&
                 contains_feature (g_array_index (segments, Segment, opening.until).features, feature))
            opening.until++;
          g_array_append_val (openings, opening);
        }
      g_array_sort (openings, compare_openings);
      for (guint k = 0; k < openings->len; k++)
        {
          JsonNode *feature = g_array_index (openings, Opening, k).feature;

          append_open (out, feature, mode);
          g_ptr_array_add (stack, feature);
        }

      if (code)
        {
          if (!append_code (out, text + segment->start, segment->end - segment->start))
            return FALSE;
          state.leading = FALSE;
        }
      else
        append_text (out, text, length, segment->start, segment->end, prefix, heading, &state);
    }

  while (stack->len > 0)
    {
      append_close (out, g_ptr_array_index (stack, stack->len - 1), mode);
      g_ptr_array_remove_index (stack, stack->len - 1);
    }

  return TRUE;
}

static gboolean
only_members (JsonObject         *object,
              const char * const *allowed)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (!g_strv_contains (allowed, name))
      return FALSE;
  return TRUE;
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

/* Text, header: the inline Markdown of @block, after @lead on the first line. */
static gboolean
append_rich (GString    *out,
             JsonObject *block,
             Mode        mode,
             const char *prefix,
             gboolean    in_list)
{
  static const char * const text_members[] = { "$type", "plaintext", "facets", NULL };
  static const char * const header_members[] = { "$type", "plaintext", "facets", "level", NULL };
  const char *type = byline_json_object_get_string (block, "$type");
  const char *plaintext = byline_json_object_get_string (block, "plaintext");
  JsonArray *facets = json_object_get_array_member (block, "facets");
  gint64 level = 0;

  if (plaintext == NULL)
    return FALSE;

  if (g_strcmp0 (type, LEAFLET_HEADER_TYPE) == 0)
    {
      if (!only_members (block, header_members) || !get_int (block, "level", &level) || level < 1 || level > 6)
        return FALSE;
      for (gint64 i = 0; i < level; i++)
        g_string_append_c (out, '#');
      if (plaintext[0] == 0)
        return TRUE;
      g_string_append_c (out, ' ');
      return append_inline (out, plaintext, facets, mode, prefix, TRUE);
    }

  if (g_strcmp0 (type, LEAFLET_TEXT_TYPE) != 0 || !only_members (block, text_members))
    return FALSE;
  if (plaintext[0] == 0)
    {
      if (!in_list)
        g_string_append (out, "<br>");
      return TRUE;
    }
  return append_inline (out, plaintext, facets, mode, prefix, FALSE);
}

static gboolean append_list (GString *out, JsonObject *list, gboolean ordered, Mode mode,
                             const char *indent, char bullet);

static gboolean
append_items (GString    *out,
              JsonArray  *children,
              gboolean    ordered,
              gint64      start,
              Mode        mode,
              const char *indent,
              char        bullet)
{
  static const char * const item_members[] = {
    "$type", "content", "checked", "children", "orderedListChildren", "unorderedListChildren", NULL,
  };
  const char *other = ordered ? "unorderedListChildren" : "orderedListChildren";

  for (guint i = 0; i < json_array_get_length (children); i++)
    {
      JsonNode *node = json_array_get_element (children, i);
      JsonObject *item, *content;
      JsonNode *checked, *nested;
      g_autofree char *marker = NULL;
      g_autofree char *sub_indent = NULL;
      gsize line_start = out->len;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      item = json_node_get_object (node);
      if (!only_members (item, item_members) ||
          json_object_has_member (item, ordered ? "orderedListChildren" : "unorderedListChildren") ||
          (json_object_has_member (item, "children") && json_object_has_member (item, other)) ||
          !json_object_has_member (item, "content") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "content")))
        return FALSE;
      content = json_object_get_object_member (item, "content");

      marker = ordered ? g_strdup_printf ("%" G_GINT64_FORMAT "%c ", start + i, bullet)
                       : g_strdup_printf ("%c ", bullet);
      sub_indent = g_strnfill (strlen (indent) + strlen (marker), ' ');
      g_string_append (out, indent);
      g_string_append (out, marker);

      checked = json_object_get_member (item, "checked");
      if (checked != NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (checked) || json_node_get_value_type (checked) != G_TYPE_BOOLEAN)
            return FALSE;
          g_string_append (out, json_node_get_boolean (checked) ? "[x] " : "[ ] ");
        }

      if (!append_rich (out, content, mode, sub_indent, TRUE))
        return FALSE;
      while (out->len > line_start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');

      if ((nested = json_object_get_member (item, "children")) != NULL)
        {
          if (!JSON_NODE_HOLDS_ARRAY (nested) ||
              !append_items (out, json_node_get_array (nested), ordered, 1, mode, sub_indent, ordered ? '.' : '-'))
            return FALSE;
        }
      else if ((nested = json_object_get_member (item, other)) != NULL)
        {
          if (!JSON_NODE_HOLDS_OBJECT (nested) ||
              !append_list (out, json_node_get_object (nested), !ordered, mode, sub_indent, ordered ? '-' : '.'))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
append_list (GString    *out,
             JsonObject *list,
             gboolean    ordered,
             Mode        mode,
             const char *indent,
             char        bullet)
{
  static const char * const members[] = { "$type", "children", "startIndex", NULL };
  JsonNode *children = json_object_get_member (list, "children");
  gint64 start = 1;

  if (!only_members (list, members) || children == NULL || !JSON_NODE_HOLDS_ARRAY (children) ||
      json_array_get_length (json_node_get_array (children)) == 0)
    return FALSE;
  if (json_object_has_member (list, "startIndex") &&
      (!ordered || !get_int (list, "startIndex", &start) || start < 0 || start > 999999999 || start == 1))
    return FALSE;

  return append_items (out, json_node_get_array (children), ordered, start, mode, indent, bullet);
}

static void
append_fence (GString    *out,
              const char *body,
              char        c)
{
  guint longest = 0, run = 0;

  for (const char *p = body; *p; p++)
    {
      run = *p == c ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  for (guint i = 0; i < MAX (3, longest + 1); i++)
    g_string_append_c (out, c);
}

/* @block as Markdown, or FALSE if Markdown cannot hold it. */
static gboolean
append_block (GString    *out,
              JsonObject *block,
              Mode        mode,
              char        bullet)
{
  static const char * const quote_members[] = { "$type", "plaintext", "facets", NULL };
  static const char * const code_members[] = { "$type", "plaintext", "language", NULL };
  static const char * const math_members[] = { "$type", "tex", NULL };
  static const char * const website_members[] = { "$type", "src", NULL };
  static const char * const rule_members[] = { "$type", NULL };
  const char *type = byline_json_object_get_string (block, "$type");

  if (type == NULL)
    return FALSE;

  if (strcmp (type, LEAFLET_TEXT_TYPE) == 0 || strcmp (type, LEAFLET_HEADER_TYPE) == 0)
    return append_rich (out, block, mode, "", FALSE);

  if (strcmp (type, LEAFLET_BLOCKQUOTE_TYPE) == 0)
    {
      const char *plaintext = byline_json_object_get_string (block, "plaintext");

      if (plaintext == NULL || !only_members (block, quote_members))
        return FALSE;
      if (plaintext[0] == 0)
        {
          g_string_append_c (out, '>');
          return TRUE;
        }
      g_string_append (out, "> ");
      return append_inline (out, plaintext, json_object_get_array_member (block, "facets"), mode, "> ", FALSE);
    }

  if (strcmp (type, LEAFLET_CODE_TYPE) == 0)
    {
      const char *plaintext = byline_json_object_get_string (block, "plaintext");
      const char *language = byline_json_object_get_string (block, "language");
      g_autofree char *fence_body = NULL;
      char c;

      if (plaintext == NULL || !only_members (block, code_members) ||
          (json_object_has_member (block, "language") &&
           (language == NULL || language[0] == 0 || strpbrk (language, " \t\r\n\\&") != NULL)))
        return FALSE;
      c = language != NULL && strchr (language, '`') ? '~' : '`';
      fence_body = g_strconcat (plaintext, "\n", NULL);
      append_fence (out, fence_body, c);
      {
        gsize fence_len = out->len;
        g_autofree char *fence = NULL;

        while (fence_len > 0 && out->str[fence_len - 1] == c)
          fence_len--;
        fence = g_strdup (out->str + fence_len);
        if (language != NULL)
          g_string_append (out, language);
        g_string_append_c (out, '\n');
        if (plaintext[0] != 0)
          {
            g_string_append (out, plaintext);
            g_string_append_c (out, '\n');
          }
        g_string_append (out, fence);
      }
      return TRUE;
    }

  if (strcmp (type, LEAFLET_RULE_TYPE) == 0)
    {
      if (!only_members (block, rule_members))
        return FALSE;
      g_string_append (out, "---");
      return TRUE;
    }

  if (strcmp (type, LEAFLET_MATH_TYPE) == 0)
    {
      const char *tex = byline_json_object_get_string (block, "tex");

      if (tex == NULL || !only_members (block, math_members))
        return FALSE;
      g_string_append (out, "$$\n");
      g_string_append (out, tex);
      g_string_append (out, "\n$$");
      return TRUE;
    }

  if (strcmp (type, LEAFLET_WEBSITE_TYPE) == 0)
    {
      const char *src = byline_json_object_get_string (block, "src");

      if (src == NULL || !only_members (block, website_members) || strpbrk (src, " <>\\\n\t"))
        return FALSE;
      g_string_append_printf (out, "<%s>", src);
      return TRUE;
    }

  if (strcmp (type, LEAFLET_UNORDERED_TYPE) == 0 || strcmp (type, LEAFLET_ORDERED_TYPE) == 0)
    {
      gboolean ordered = strcmp (type, LEAFLET_ORDERED_TYPE) == 0;

      if (!append_list (out, block, ordered, mode, "", bullet))
        return FALSE;
      /* No newline after the last item: blocks are joined by blank lines. */
      g_string_truncate (out, out->len - 1);
      return TRUE;
    }

  return FALSE;
}

static gboolean
verify (const char *markdown,
        JsonNode   *canonical)
{
  g_autoptr(JsonObject) content = byline_leaflet_from_markdown (markdown, strlen (markdown), NULL);
  JsonArray *pages = json_object_get_array_member (content, "pages");
  JsonObject *page;
  JsonArray *blocks;

  if (json_array_get_length (pages) != 1)
    return FALSE;
  page = json_array_get_object_element (pages, 0);
  if (json_object_get_size (page) != 2)
    return FALSE;
  blocks = json_object_get_array_member (page, "blocks");

  return json_array_get_length (blocks) == 1 &&
         json_node_equal (json_array_get_element (blocks, 0), canonical);
}

static void
append_placeholder (GString  *out,
                    JsonNode *item)
{
  g_autofree char *json = byline_json_to_string (item, FALSE, NULL);
  gsize start = out->len;
  g_autofree char *fence = NULL;

  append_fence (out, json, '`');
  fence = g_strdup (out->str + start);
  g_string_append (out, LEAFLET_PLACEHOLDER_INFO "\n");
  g_string_append (out, json);
  g_string_append_c (out, '\n');
  g_string_append (out, fence);
}

/* One linearDocument block item as Markdown. @bullet is the list marker to use. */
static void
append_item (GString  *out,
             JsonNode *item,
             char      bullet)
{
  static const char * const item_members[] = { "$type", "block", NULL };
  g_autoptr(JsonNode) canonical = _byline_leaflet_canonical_item (item);
  JsonObject *object;
  const char *type;

  if (JSON_NODE_HOLDS_OBJECT (item) &&
      only_members ((object = json_node_get_object (item)), item_members) &&
      ((type = byline_json_object_get_string (object, "$type")) == NULL ||
       strcmp (type, LEAFLET_BLOCK_ITEM_TYPE) == 0) &&
      json_object_has_member (object, "block") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "block")))
    {
      JsonObject *block = json_object_get_object_member (json_node_get_object (canonical), "block");

      for (Mode mode = MODE_DELIMITERS; mode <= MODE_TAGS; mode++)
        {
          g_autoptr(GString) markdown = g_string_new (NULL);

          if (append_block (markdown, block, mode, bullet) && verify (markdown->str, canonical))
            {
              g_string_append (out, markdown->str);
              return;
            }
        }
    }

  append_placeholder (out, item);
}

static void
append_page_marker (GString    *out,
                    JsonObject *page)
{
  g_autoptr(JsonObject) copy = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  gboolean linear = g_strcmp0 (byline_json_object_get_string (page, "$type"), LEAFLET_LINEAR_TYPE) == 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, page);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (linear && strcmp (name, "blocks") == 0)
        json_object_set_array_member (copy, name, json_array_new ());
      else
        json_object_set_member (copy, name, json_node_copy (member));
    }

  node = json_node_init_object (json_node_alloc (), copy);
  json = byline_json_to_string (node, FALSE, NULL);
  g_string_append (out, LEAFLET_PAGE_MARKER " ");
  /* `--` is only ever inside strings, where `\u002d` means the same. */
  for (const char *p = json; *p; p++)
    {
      if (p[0] == '-' && p[1] == '-')
        {
          g_string_append (out, "-\\u002d");
          p++;
          continue;
        }
      g_string_append_c (out, *p);
    }
  g_string_append (out, " -->");
}

static char
list_kind (JsonNode *item)
{
  JsonObject *object;
  JsonNode *block;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (item) ||
      (block = json_object_get_member ((object = json_node_get_object (item)), "block")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (block))
    return 0;
  type = byline_json_object_get_string (json_node_get_object (block), "$type");
  if (g_strcmp0 (type, LEAFLET_UNORDERED_TYPE) == 0)
    return 'u';
  if (g_strcmp0 (type, LEAFLET_ORDERED_TYPE) == 0)
    return 'o';
  return 0;
}

/**
 * byline_leaflet_to_markdown:
 * @content: a record's `content`
 *
 * Returns: (transfer full) (nullable): the Markdown body, or %NULL if @content is
 *   not `pub.leaflet.content` with its pages inline
 */
char *
byline_leaflet_to_markdown (JsonObject *content)
{
  static const char * const content_members[] = { "$type", "pages", NULL };
  static const char * const first_page_members[] = { "$type", "blocks", NULL };
  GString *out;
  JsonNode *pages_node;
  JsonArray *pages;
  char previous_kind = 0, previous_bullet = 0;

  g_return_val_if_fail (content != NULL, NULL);

  if (g_strcmp0 (byline_json_object_get_string (content, "$type"), BYLINE_LEAFLET_CONTENT_TYPE) != 0 ||
      !only_members (content, content_members) ||
      (pages_node = json_object_get_member (content, "pages")) == NULL || !JSON_NODE_HOLDS_ARRAY (pages_node))
    return NULL;

  pages = json_node_get_array (pages_node);
  for (guint i = 0; i < json_array_get_length (pages); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (pages, i)))
      return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      JsonObject *page = json_array_get_object_element (pages, i);
      JsonNode *blocks = json_object_get_member (page, "blocks");
      gboolean linear = g_strcmp0 (byline_json_object_get_string (page, "$type"), LEAFLET_LINEAR_TYPE) == 0 &&
                        blocks != NULL && JSON_NODE_HOLDS_ARRAY (blocks);

      if (!(i == 0 && linear && only_members (page, first_page_members)))
        {
          if (out->len > 0)
            g_string_append (out, "\n\n");
          append_page_marker (out, page);
          previous_kind = 0;
        }
      if (!linear)
        continue;

      for (guint b = 0; b < json_array_get_length (json_node_get_array (blocks)); b++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (blocks), b);
          char kind = list_kind (item);
          char bullet = kind == 'o' ? '.' : '-';

          /* Two lists in a row stay two lists: the second takes the other marker. */
          if (kind != 0 && kind == previous_kind)
            bullet = previous_bullet == '.' ? ')' : previous_bullet == '-' ? '*' :
                     previous_bullet == ')' ? '.' : '-';
          if (out->len > 0)
            g_string_append (out, "\n\n");
          append_item (out, item, bullet);
          previous_kind = kind;
          previous_bullet = bullet;
        }
    }

  if (out->len > 0)
    g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}
