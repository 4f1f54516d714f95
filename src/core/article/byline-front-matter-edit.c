/* byline-front-matter-edit.c
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

#define G_LOG_DOMAIN "byline-front-matter"

#include "config.h"

#include <string.h>

#include <yaml.h>

#include "byline-front-matter-private.h"
#include "byline-metadata-private.h"
#include "byline-yaml-private.h"

/*
 * Editing the front matter in place. Writers of static sites keep their front matter by hand
 * and in git: comments, blank lines, key order, quoting, flow or block lists are theirs. Only
 * the keys whose values changed are touched: a value is replaced where it stands (in its
 * quoting style when the new value allows it, before its end-of-line comment), a new key goes
 * after the last key Byline knows, a removed key takes only its own lines with it. libyaml's
 * parser gives where each value starts and ends; libyaml's emitter writes each new value, so
 * that it is always valid YAML. The result is parsed again and must give the intended
 * metadata; if it does not, or the text is beyond what can be edited safely, the caller
 * writes the whole block again.
 */

typedef struct
{
  gsize     start;    /* where the node starts, its anchor or tag included */
  gsize     end;      /* where its last content ends */
  int       style;
  char     *value;    /* a scalar's text */
  gboolean  scalar;
} Item;

typedef struct
{
  char              *name;         /* NULL for a key that is not a scalar */
  gsize              key_start;
  gsize              key_end;
  gsize              value_start;
  gsize              value_end;    /* the end of the value's last content */
  yaml_event_type_t  type;         /* of the value's first event */
  int                style;
  gboolean           empty;        /* `key:` with nothing after it */
  gboolean           has_anchor;   /* the value node itself carries an anchor */
  char              *scalar;       /* a scalar value's text */
  GArray            *items;        /* Item, for a sequence */
  gsize              child_start;  /* first child of a collection value, or G_MAXSIZE */
} Entry;

typedef struct
{
  char  *name;
  gsize  start;
  gsize  end;
  int    entry;       /* index of the entry it sits in, -1 if none */
  gboolean is_value;  /* the anchor of the entry's value node itself */
} Anchor;

typedef struct
{
  gsize  start;
  gsize  end;
  int    anchor;
  int    entry;
} Alias;

typedef struct
{
  const char *yaml;
  gsize       len;
  GArray     *lines;    /* gsize: where each line starts */
  GArray     *entries;  /* Entry */
  GArray     *anchors;  /* Anchor */
  GArray     *aliases;  /* Alias */
  gboolean    mapping;  /* the YAML holds a block mapping (else nothing at all) */
  gsize       root_indent;
  gsize       last_end;
  int         seq_prefix_entry; /* the first block list under a key, for new lists' indent */
  gboolean    flow_lists;

  /* Converting libyaml's character indexes to bytes, moving forward. */
  gsize       cursor_char;
  gsize       cursor_byte;
} Scan;

typedef struct
{
  gsize  start;
  gsize  end;
  char  *text;
  guint  order;
} Edit;

typedef struct
{
  Scan           s;
  GArray        *edits;  /* Edit */
  const char    *eol;
  gboolean       failed;
} Editor;

enum {
  ROLE_OTHER,
  ROLE_KEY,
  ROLE_VALUE,
  ROLE_ITEM,
};

typedef struct
{
  gsize start;
  int   role;
  int   anchor;
  int   style;
} Open;

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->value, g_free);
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->name, g_free);
  g_clear_pointer (&entry->scalar, g_free);
  g_clear_pointer (&entry->items, g_array_unref);
}

static void
anchor_clear (gpointer data)
{
  Anchor *anchor = data;

  g_clear_pointer (&anchor->name, g_free);
}

static void
edit_clear (gpointer data)
{
  Edit *edit = data;

  g_clear_pointer (&edit->text, g_free);
}

static gsize
byte_at (Scan  *s,
         gsize  index)
{
  if (index < s->cursor_char)
    s->cursor_char = s->cursor_byte = 0;

  while (s->cursor_char < index && s->cursor_byte < s->len)
    {
      s->cursor_byte = g_utf8_next_char (s->yaml + s->cursor_byte) - s->yaml;
      s->cursor_char++;
    }

  return MIN (s->cursor_byte, s->len);
}

static guint
line_of (Scan  *s,
         gsize  offset)
{
  guint low = 0;
  guint high = s->lines->len;

  while (high - low > 1)
    {
      guint mid = (low + high) / 2;

      if (g_array_index (s->lines, gsize, mid) <= offset)
        low = mid;
      else
        high = mid;
    }

  return low;
}

static gsize
line_start (Scan  *s,
            guint  line)
{
  if (line >= s->lines->len)
    return s->len;

  return g_array_index (s->lines, gsize, line);
}

/* The end of a line's text, before its line break. */
static gsize
line_text_end (Scan  *s,
               guint  line)
{
  gsize end = line_start (s, line + 1);

  if (end > line_start (s, line) && s->yaml[end - 1] == '\n')
    end--;
  if (end > line_start (s, line) && s->yaml[end - 1] == '\r')
    end--;

  return end;
}

static Entry *
entry_at (Scan *s,
          int   index)
{
  return &g_array_index (s->entries, Entry, index);
}

/* The last line holding anything of the entry: its key or its value. */
static guint
entry_last_line (Scan  *s,
                 Entry *entry)
{
  gsize end = MAX (entry->value_end, entry->key_end);

  return line_of (s, end > 0 ? end - 1 : 0);
}

static gboolean
is_block_scalar (int style)
{
  return style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE;
}

static gsize
node_end (Scan         *s,
          yaml_event_t *event,
          int           style,
          gsize         start)
{
  gsize end = byte_at (s, event->end_mark.index);

  /* A block scalar ends after its trailing line breaks, at the next line with less
   * indentation: its content ends at its last visible character. */
  if (event->type == YAML_SCALAR_EVENT && is_block_scalar (style))
    while (end > start + 1 && strchr (" \t\r\n", s->yaml[end - 1]) != NULL)
      end--;

  return end;
}

static void
scan_clear (Scan *s)
{
  g_clear_pointer (&s->lines, g_array_unref);
  g_clear_pointer (&s->entries, g_array_unref);
  g_clear_pointer (&s->anchors, g_array_unref);
  g_clear_pointer (&s->aliases, g_array_unref);
}

static int
find_anchor (Scan       *s,
             const char *name)
{
  for (int i = (int)s->anchors->len - 1; i >= 0; i--)
    if (strcmp (g_array_index (s->anchors, Anchor, i).name, name) == 0)
      return i;

  return -1;
}

/* Where each top-level key and its value start and end, the items of lists, and every anchor
 * and alias. Returns FALSE for YAML that cannot be edited in place (a flow mapping, say). */
static gboolean
scan_yaml (Scan       *s,
           const char *yaml,
           gsize       len)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (Open));
  yaml_parser_t parser;
  gboolean ok = TRUE;
  gboolean done = FALSE;
  guint root_children = 0;
  int current = -1;

  s->yaml = yaml;
  s->len = len;
  s->lines = g_array_new (FALSE, FALSE, sizeof (gsize));
  s->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (s->entries, entry_clear);
  s->anchors = g_array_new (FALSE, TRUE, sizeof (Anchor));
  g_array_set_clear_func (s->anchors, anchor_clear);
  s->aliases = g_array_new (FALSE, TRUE, sizeof (Alias));
  s->seq_prefix_entry = -1;

  {
    gsize zero = 0;

    g_array_append_val (s->lines, zero);
    for (gsize i = 0; i < len; i++)
      if (yaml[i] == '\n' && i + 1 < len)
        {
          gsize next = i + 1;

          g_array_append_val (s->lines, next);
        }
  }

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *)yaml, len);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  while (ok && !done)
    {
      yaml_event_t event;
      guint depth = open->len;

      if (!yaml_parser_parse (&parser, &event))
        {
          ok = FALSE;
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        case YAML_NO_EVENT:
          break;

        case YAML_DOCUMENT_END_EVENT:
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_SCALAR_EVENT:
        case YAML_ALIAS_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          {
            gsize start = byte_at (s, event.start_mark.index);
            Open node = { start, ROLE_OTHER, -1, 0 };
            const char *anchor = NULL;
            gboolean is_end = event.type == YAML_SCALAR_EVENT || event.type == YAML_ALIAS_EVENT;

            if (event.type == YAML_SCALAR_EVENT)
              {
                node.style = event.data.scalar.style;
                anchor = (const char *)event.data.scalar.anchor;
              }
            else if (event.type == YAML_SEQUENCE_START_EVENT)
              {
                node.style = event.data.sequence_start.style;
                anchor = (const char *)event.data.sequence_start.anchor;
              }
            else if (event.type == YAML_MAPPING_START_EVENT)
              {
                node.style = event.data.mapping_start.style;
                anchor = (const char *)event.data.mapping_start.anchor;
              }

            /* The document itself: a block mapping, or nothing. */
            if (depth == 0)
              {
                if (event.type == YAML_MAPPING_START_EVENT &&
                    node.style == YAML_BLOCK_MAPPING_STYLE && anchor == NULL)
                  {
                    s->mapping = TRUE;
                    g_array_append_val (open, node);
                  }
                else if (!(event.type == YAML_SCALAR_EVENT && event.data.scalar.length == 0 &&
                           node.style == YAML_PLAIN_SCALAR_STYLE && anchor == NULL))
                  ok = FALSE;
                break;
              }

            if (depth == 1)
              {
                node.role = root_children++ % 2 == 0 ? ROLE_KEY : ROLE_VALUE;
                if (node.role == ROLE_KEY)
                  {
                    Entry entry = { 0, };

                    entry.key_start = start;
                    entry.child_start = G_MAXSIZE;
                    if (event.type == YAML_SCALAR_EVENT)
                      entry.name = g_strndup ((const char *)event.data.scalar.value,
                                              event.data.scalar.length);
                    g_array_append_val (s->entries, entry);
                    current = s->entries->len - 1;
                    if (current == 0)
                      s->root_indent = start - line_start (s, line_of (s, start));
                  }
                else
                  {
                    Entry *entry = entry_at (s, current);

                    entry->value_start = start;
                    entry->type = event.type;
                    entry->style = node.style;
                    entry->has_anchor = anchor != NULL;
                    if (event.type == YAML_SCALAR_EVENT)
                      entry->scalar = g_strndup ((const char *)event.data.scalar.value,
                                                 event.data.scalar.length);
                    entry->empty = event.type == YAML_SCALAR_EVENT &&
                                   event.data.scalar.length == 0 &&
                                   node.style == YAML_PLAIN_SCALAR_STYLE && anchor == NULL &&
                                   event.data.scalar.tag == NULL;
                    if (event.type == YAML_SEQUENCE_START_EVENT)
                      {
                        entry->items = g_array_new (FALSE, TRUE, sizeof (Item));
                        g_array_set_clear_func (entry->items, item_clear);
                        if (node.style == YAML_FLOW_SEQUENCE_STYLE)
                          s->flow_lists = TRUE;
                      }
                  }
              }
            else if (depth == 2 && current >= 0)
              {
                Entry *entry = entry_at (s, current);

                if (root_children % 2 == 0 && entry->child_start == G_MAXSIZE)
                  entry->child_start = start;
                if (root_children % 2 == 0 && entry->items != NULL)
                  node.role = ROLE_ITEM;
              }

            if (anchor != NULL)
              {
                Anchor a = { g_strdup (anchor), start, start, current,
                             depth == 1 && node.role == ROLE_VALUE };

                g_array_append_val (s->anchors, a);
                node.anchor = s->anchors->len - 1;
              }

            if (event.type == YAML_ALIAS_EVENT)
              {
                Alias alias = { start, byte_at (s, event.end_mark.index),
                                find_anchor (s, (const char *)event.data.alias.anchor), current };

                g_array_append_val (s->aliases, alias);
              }

            if (!is_end)
              {
                g_array_append_val (open, node);
                break;
              }

            /* A scalar or an alias ends where it starts: fall through to its end. */
            g_array_append_val (open, node);
          }
          G_GNUC_FALLTHROUGH;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          {
            Open node;
            gsize end;

            if (open->len == 0)
              {
                ok = FALSE;
                break;
              }
            node = g_array_index (open, Open, open->len - 1);
            g_array_set_size (open, open->len - 1);
            depth = open->len;

            if (depth == 0)
              break;

            if (event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT)
              end = (node.style == YAML_FLOW_SEQUENCE_STYLE ||
                     node.style == YAML_FLOW_MAPPING_STYLE)
                    ? byte_at (s, event.end_mark.index) : s->last_end;
            else
              end = node_end (s, &event, node.style, node.start);
            s->last_end = MAX (s->last_end, end);
            end = MAX (end, node.start);

            if (node.anchor >= 0)
              g_array_index (s->anchors, Anchor, node.anchor).end = end;

            if (node.role == ROLE_KEY)
              entry_at (s, current)->key_end = end;
            else if (node.role == ROLE_VALUE)
              entry_at (s, current)->value_end = end;
            else if (node.role == ROLE_ITEM)
              {
                Item item = { node.start, end, node.style, NULL, event.type == YAML_SCALAR_EVENT };

                if (event.type == YAML_SCALAR_EVENT)
                  item.value = g_strndup ((const char *)event.data.scalar.value,
                                          event.data.scalar.length);
                g_array_append_val (entry_at (s, current)->items, item);
              }
          }
          break;

        default:
          ok = FALSE;
        }

      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);

  if (!ok)
    return FALSE;

  /* A key without a plain name, or on the line of another key, is beyond this editor. */
  for (guint i = 0; i < s->entries->len; i++)
    {
      Entry *entry = entry_at (s, i);

      if (i > 0 && line_of (s, entry->key_start) <= entry_last_line (s, entry_at (s, i - 1)))
        return FALSE;
      if (s->seq_prefix_entry < 0 && entry->items != NULL &&
          entry->style == YAML_BLOCK_SEQUENCE_STYLE)
        s->seq_prefix_entry = i;
    }

  return TRUE;
}

static int
find_entry (Scan       *s,
            const char *name)
{
  for (guint i = 0; name != NULL && i < s->entries->len; i++)
    if (g_strcmp0 (entry_at (s, i)->name, name) == 0)
      return i;

  return -1;
}

/* The style of a new value written where @old_style was: the writer's quoting is kept
 * wherever the new value allows it; a plain value that would read as another type (a
 * number, a date-less "yes") is quoted. */
static BylineYamlNode *
scalar_in_style (const char *value,
                 int         old_style)
{
  int style = old_style;

  if (strchr (value, '\n') != NULL)
    style = is_block_scalar (old_style) ? old_style : YAML_LITERAL_SCALAR_STYLE;
  else if (old_style == YAML_PLAIN_SCALAR_STYLE || old_style == YAML_ANY_SCALAR_STYLE)
    style = _byline_yaml_scalar_is_plain_safe (value) ? YAML_PLAIN_SCALAR_STYLE
                                                       : YAML_DOUBLE_QUOTED_SCALAR_STYLE;

  return _byline_yaml_node_new_scalar (value, style);
}

static void
add_edit (Editor     *e,
          gsize       start,
          gsize       end,
          const char *text)
{
  Edit edit = { start, end, NULL, e->edits->len };
  GString *converted = g_string_new (NULL);

  /* New lines end as the file's lines do. */
  for (const char *p = text; *p; p++)
    {
      if (*p == '\n' && (p == text || p[-1] != '\r'))
        g_string_append (converted, e->eol);
      else
        g_string_append_c (converted, *p);
    }
  edit.text = g_string_free (converted, FALSE);
  g_array_append_val (e->edits, edit);
}

static char *
indent_lines (const char *text,
              gsize       indent)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      const char *nl = strchr (p, '\n');
      gsize n = nl ? (gsize)(nl - p + 1) : strlen (p);

      if (n > 1)
        for (gsize i = 0; i < indent; i++)
          g_string_append_c (out, ' ');
      g_string_append_len (out, p, n);
      p += n;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The comment at the end of an entry's key line, with the blanks before it, if any. */
static char *
key_line_comment (Scan  *s,
                  Entry *entry)
{
  guint key_line = line_of (s, entry->key_start);
  gsize end = line_text_end (s, key_line);
  gsize pos;
  gsize i;

  if (entry->empty)
    pos = entry->value_start;
  else if (line_of (s, entry->value_start) != key_line)
    {
      pos = entry->key_end;
      while (pos < end && (s->yaml[pos] == ' ' || s->yaml[pos] == '\t'))
        pos++;
      if (pos >= end || s->yaml[pos] != ':')
        return NULL;
      pos++;
    }
  else if (entry->type == YAML_SCALAR_EVENT && is_block_scalar (entry->style))
    {
      pos = entry->value_start;
      while (pos < end && s->yaml[pos] != ' ' && s->yaml[pos] != '\t')
        pos++;
    }
  else if (line_of (s, entry->value_end > 0 ? entry->value_end - 1 : 0) == key_line)
    pos = entry->value_end;
  else
    return NULL;

  for (i = pos; i < end && (s->yaml[i] == ' ' || s->yaml[i] == '\t'); i++)
    ;
  if (i == pos || i >= end || s->yaml[i] != '#')
    return NULL;

  return g_strndup (s->yaml + pos, end - pos);
}

/* The indentation of the value's children (a mapping's keys, a block scalar's lines), as a
 * count for libyaml's emitter. */
static int
value_indent (Scan  *s,
              Entry *entry)
{
  gsize key_column = entry->key_start - line_start (s, line_of (s, entry->key_start));
  gsize column = 0;

  if (entry->type == YAML_MAPPING_START_EVENT && entry->style == YAML_BLOCK_MAPPING_STYLE &&
      entry->child_start != G_MAXSIZE)
    column = entry->child_start - line_start (s, line_of (s, entry->child_start));
  else if (entry->type == YAML_SCALAR_EVENT && is_block_scalar (entry->style))
    {
      guint line = line_of (s, entry->value_start) + 1;
      gsize p = line_start (s, line);

      while (p < s->len && s->yaml[p] == ' ')
        p++;
      column = p - line_start (s, line);
    }

  if (column > key_column && column - key_column >= 2 && column - key_column <= 9)
    return column - key_column;

  return 2;
}

/* Anchors in the range that an alias outside it names. An anchor on the value itself, on a
 * one-line value, can move to the first alias (as a full rewrite would): returns FALSE
 * when some other one is in the way. */
static gboolean
release_anchors (Editor *e,
                 int     index,
                 gsize   start,
                 gsize   end)
{
  Scan *s = &e->s;

  for (guint i = 0; i < s->anchors->len; i++)
    {
      Anchor *anchor = &g_array_index (s->anchors, Anchor, i);
      gboolean moved = FALSE;

      if (anchor->start < start || anchor->end > end)
        continue;

      for (guint j = 0; j < s->aliases->len; j++)
        {
          Alias *alias = &g_array_index (s->aliases, Alias, j);
          g_autofree char *text = NULL;

          if (alias->anchor != (int)i || (alias->start >= start && alias->end <= end))
            continue;
          if (moved)
            continue;

          /* Move the anchored node, as written, to its first alias. */
          if (!anchor->is_value || anchor->entry != index ||
              line_of (s, anchor->start) != line_of (s, anchor->end > 0 ? anchor->end - 1 : 0) ||
              is_block_scalar (entry_at (s, index)->style))
            return FALSE;

          text = g_strndup (s->yaml + anchor->start, anchor->end - anchor->start);
          add_edit (e, alias->start, alias->end, text);
          moved = TRUE;
        }
    }

  return TRUE;
}

/* Replaces the lines of an entry with the key and @value as libyaml writes them, keeping the
 * key as written and the comment at the end of the key's line. */
static void
replace_lines_indented (Editor               *e,
                        int                   index,
                        const BylineYamlNode *value,
                        gsize                 list_indent);

static void
replace_lines (Editor               *e,
               int                   index,
               const BylineYamlNode *value)
{
  replace_lines_indented (e, index, value, 0);
}

/* As replace_lines(), the value's further lines indented by @list_indent more: a list
 * whose items the writer indents under its key stays so. */
static void
replace_lines_indented (Editor               *e,
                        int                   index,
                        const BylineYamlNode *value,
                        gsize                 list_indent)
{
  Scan *s = &e->s;
  Entry *entry = entry_at (s, index);
  guint first = line_of (s, entry->key_start);
  guint last = entry_last_line (s, entry);
  gsize key_column = entry->key_start - line_start (s, first);
  g_autofree char *emitted = NULL;
  g_autofree char *comment = key_line_comment (s, entry);
  g_autofree char *rest = NULL;
  g_autoptr(GString) text = NULL;
  const char *nl;

  if (!release_anchors (e, index, entry->value_start, entry->value_end))
    {
      g_debug ("“%s” holds an anchor that other keys use", entry->name);
      e->failed = TRUE;
      return;
    }

  emitted = _byline_yaml_emit_entry ("k", value, value_indent (s, entry));
  if (emitted == NULL || !g_str_has_prefix (emitted, "k:") ||
      (nl = strchr (emitted, '\n')) == NULL)
    {
      g_debug ("libyaml could not write a new value");
      e->failed = TRUE;
      return;
    }

  /* The key line, as written up to the key, then the new value; the value's further lines
   * indent from the key. */
  text = g_string_new_len (s->yaml + line_start (s, first), entry->key_end - line_start (s, first));
  g_string_append_len (text, emitted + 1, nl - emitted - 1);
  if (comment != NULL)
    g_string_append (text, comment);
  g_string_append_c (text, '\n');
  rest = indent_lines (nl + 1, key_column + list_indent);
  g_string_append (text, rest);

  add_edit (e, line_start (s, first), line_start (s, last + 1), text->str);
}

static void
delete_entry (Editor *e,
              int     index)
{
  Scan *s = &e->s;
  Entry *entry = entry_at (s, index);

  if (!release_anchors (e, index, entry->key_start, entry->value_end))
    {
      g_debug ("“%s” holds an anchor that other keys use", entry->name);
      e->failed = TRUE;
      return;
    }

  add_edit (e, line_start (s, line_of (s, entry->key_start)),
            line_start (s, entry_last_line (s, entry) + 1), "");
}

static gboolean
value_is_one_line (Scan  *s,
                   Entry *entry)
{
  return line_of (s, entry->value_start) ==
         line_of (s, entry->value_end > 0 ? entry->value_end - 1 : 0);
}

static void
set_scalar (Editor     *e,
            int         index,
            const char *value)
{
  Scan *s = &e->s;
  Entry *entry = entry_at (s, index);
  int old_style = entry->type == YAML_SCALAR_EVENT ? entry->style : YAML_PLAIN_SCALAR_STYLE;
  g_autoptr(BylineYamlNode) node = NULL;
  g_autofree char *text = NULL;

  /* Quotes the old value could not do without, for a space at either end or for a value
   * that would read as a number or a boolean ("2", "N": a title being typed in the panel),
   * are not the writer's choice: they go when the new value no longer needs them. */
  if (entry->empty ||
      ((old_style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
        old_style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) && entry->scalar != NULL &&
       (!_byline_yaml_scalar_is_plain_safe (entry->scalar) ||
        g_ascii_isspace (entry->scalar[0]) ||
        g_ascii_isspace (entry->scalar[strlen (entry->scalar) - 1]))))
    old_style = YAML_PLAIN_SCALAR_STYLE;
  node = scalar_in_style (value, old_style);

  if ((entry->type == YAML_SCALAR_EVENT || entry->type == YAML_ALIAS_EVENT) &&
      !is_block_scalar (node->style) && !is_block_scalar (entry->style) &&
      value_is_one_line (s, entry) && (text = _byline_yaml_emit_inline (node, FALSE)) != NULL)
    {
      if (!release_anchors (e, index, entry->value_start, entry->value_end))
        {
          g_debug ("“%s” holds an anchor that other keys use", entry->name);
          e->failed = TRUE;
          return;
        }

      if (entry->empty)
        {
          g_autofree char *spaced = g_strconcat (" ", text, NULL);

          add_edit (e, entry->value_start, entry->value_start, spaced);
        }
      else
        add_edit (e, entry->value_start, entry->value_end, text);
      return;
    }

  replace_lines (e, index, node);
}

/* A longest common subsequence of two lists of strings: @keep_old[i] is the index in @new of
 * the item old[i] stays as, or -1. */
static int *
match_items (GPtrArray          *old,
             const char * const *new,
             guint               n_new)
{
  guint n_old = old->len;
  g_autofree guint *table = g_new0 (guint, (n_old + 1) * (n_new + 1));
  int *keep = g_new (int, MAX (n_old, 1));
  guint i, j;

#define T(a, b) table[(a) * (n_new + 1) + (b)]
  for (i = n_old; i-- > 0;)
    for (j = n_new; j-- > 0;)
      {
        const char *value = g_ptr_array_index (old, i);

        if (value != NULL && strcmp (value, new[j]) == 0)
          T (i, j) = T (i + 1, j + 1) + 1;
        else
          T (i, j) = MAX (T (i + 1, j), T (i, j + 1));
      }

  for (i = 0; i < n_old; i++)
    keep[i] = -1;
  for (i = 0, j = 0; i < n_old && j < n_new;)
    {
      const char *value = g_ptr_array_index (old, i);

      if (value != NULL && strcmp (value, new[j]) == 0)
        keep[i++] = j++;
      else if (T (i + 1, j) >= T (i, j + 1))
        i++;
      else
        j++;
    }
#undef T

  return keep;
}

static GPtrArray *
item_values (Entry *entry)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; i < entry->items->len; i++)
    {
      Item *item = &g_array_index (entry->items, Item, i);

      g_ptr_array_add (values, item->scalar ? item->value : NULL);
    }

  return values;
}

static int
new_item_style (Entry *entry)
{
  for (guint i = entry->items->len; i-- > 0;)
    {
      Item *item = &g_array_index (entry->items, Item, i);

      if (item->scalar && !is_block_scalar (item->style))
        return item->style;
    }

  return YAML_PLAIN_SCALAR_STYLE;
}

static gboolean
set_flow_tags (Editor             *e,
               int                 index,
               const char * const *tags,
               guint               n_tags)
{
  Scan *s = &e->s;
  Entry *entry = entry_at (s, index);
  g_autoptr(GPtrArray) values = item_values (entry);
  g_autofree int *keep = match_items (values, tags, n_tags);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *separator = NULL;
  g_autofree char *padding = NULL;
  const char *bracket = memchr (s->yaml + entry->value_start, '[',
                                entry->value_end - entry->value_start);
  guint next_old = 0;

  if (bracket == NULL)
    return FALSE;

  /* Spacing as written: "[a, b]", "[ a,b ]". */
  if (entry->items->len >= 2)
    {
      Item *a = &g_array_index (entry->items, Item, 0);
      Item *b = &g_array_index (entry->items, Item, 1);
      const char *comma = memchr (s->yaml + a->end, ',', b->start - a->end);

      if (comma != NULL && memchr (s->yaml + a->end, '\n', b->start - a->end) == NULL)
        separator = g_strndup (comma, s->yaml + b->start - comma);
    }
  if (entry->items->len >= 1)
    {
      Item *a = &g_array_index (entry->items, Item, 0);
      gsize n = s->yaml + a->start - (bracket + 1);

      if (strspn (bracket + 1, " ") >= n)
        padding = g_strndup (bracket + 1, n);
    }

  g_string_append_len (text, s->yaml + entry->value_start,
                       bracket + 1 - (s->yaml + entry->value_start));
  g_string_append (text, padding ? padding : "");
  for (guint j = 0; j < n_tags; j++)
    {
      const char *item_text = NULL;
      g_autofree char *emitted = NULL;

      /* A kept item stays as written. */
      while (next_old < entry->items->len && keep[next_old] < (int)j)
        next_old++;
      if (next_old < entry->items->len && keep[next_old] == (int)j)
        {
          Item *item = &g_array_index (entry->items, Item, next_old);

          emitted = g_strndup (s->yaml + item->start, item->end - item->start);
        }
      else
        {
          g_autoptr(BylineYamlNode) node = scalar_in_style (tags[j], new_item_style (entry));

          emitted = _byline_yaml_emit_inline (node, TRUE);
          if (emitted == NULL)
            return FALSE;
        }
      item_text = emitted;

      if (j > 0)
        g_string_append (text, separator ? separator : ", ");
      g_string_append (text, item_text);
    }
  g_string_append (text, padding ? padding : "");
  g_string_append_c (text, ']');

  add_edit (e, entry->value_start, entry->value_end, text->str);
  return TRUE;
}

/* What starts a block list's item line: blanks, a dash, a blank. */
static gboolean
is_dash_prefix (const char *prefix)
{
  gsize spaces = strspn (prefix, " ");

  return prefix[spaces] == '-' && prefix[spaces + 1] == ' ' &&
         prefix[spaces + 1 + strspn (prefix + spaces + 1, " ")] == 0;
}

static gboolean
set_block_tags (Editor             *e,
                int                 index,
                const char * const *tags,
                guint               n_tags)
{
  Scan *s = &e->s;
  Entry *entry = entry_at (s, index);
  g_autoptr(GPtrArray) values = item_values (entry);
  g_autofree int *keep = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *prefix = NULL;
  Item *first;
  gsize first_line_start;
  guint j = 0;

  if (entry->items->len == 0 || n_tags == 0)
    return FALSE;

  /* New items are written as the first one is: "  - ". */
  first = &g_array_index (entry->items, Item, 0);
  first_line_start = line_start (s, line_of (s, first->start));
  prefix = g_strndup (s->yaml + first_line_start, first->start - first_line_start);
  if (!is_dash_prefix (prefix))
    return FALSE;

  keep = match_items (values, tags, n_tags);

  for (guint i = 0; i <= entry->items->len; i++)
    {
      int stop = i < entry->items->len ? keep[i] : (int)n_tags;

      /* New items before the next kept one. */
      if (stop >= 0)
        for (; j < (guint)stop; j++)
          {
            g_autoptr(BylineYamlNode) node = scalar_in_style (tags[j], new_item_style (entry));
            g_autofree char *emitted = _byline_yaml_emit_inline (node, FALSE);

            if (emitted == NULL)
              return FALSE;
            g_string_append_printf (text, "%s%s\n", prefix, emitted);
          }

      if (i == entry->items->len)
        break;

      {
        Item *item = &g_array_index (entry->items, Item, i);
        guint item_first = line_of (s, item->start);
        guint item_last = line_of (s, item->end > 0 ? item->end - 1 : 0);
        Item *previous = i > 0 ? &g_array_index (entry->items, Item, i - 1) : NULL;
        guint gap_first = previous ? line_of (s, previous->end - 1) + 1 : item_first;
        g_autofree char *kept = NULL;

        /* Blank lines and comments before an item stay, whether it does or not. */
        kept = g_strndup (s->yaml + line_start (s, gap_first),
                          line_start (s, item_first) - line_start (s, gap_first));
        g_string_append (text, kept);
        g_clear_pointer (&kept, g_free);

        if (keep[i] >= 0)
          {
            kept = g_strndup (s->yaml + line_start (s, item_first),
                              line_start (s, item_last + 1) - line_start (s, item_first));
            g_string_append (text, kept);
            j = keep[i] + 1;
          }
      }
    }

  {
    Item *last = &g_array_index (entry->items, Item, entry->items->len - 1);
    gsize start = line_start (s, line_of (s, first->start));
    gsize end = line_start (s, line_of (s, last->end > 0 ? last->end - 1 : 0) + 1);

    add_edit (e, start, end, text->str);
  }

  return TRUE;
}

/* A new list, in the style of the file's other lists. */
static BylineYamlNode *
new_list_node (Scan               *s,
               const char * const *tags)
{
  BylineYamlNode *seq = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);

  seq->style = tags[0] == NULL || (s->flow_lists && s->seq_prefix_entry < 0)
               ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE;
  for (guint i = 0; tags[i] != NULL; i++)
    g_ptr_array_add (seq->children, _byline_yaml_node_from_string (tags[i]));

  return seq;
}

/* The text of a new block list under a key, with the file's indentation. */
static char *
block_list_text (Scan               *s,
                 const char * const *tags)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *prefix = NULL;

  if (s->seq_prefix_entry >= 0)
    {
      Entry *other = entry_at (s, s->seq_prefix_entry);
      Item *first = &g_array_index (other->items, Item, 0);
      gsize start = line_start (s, line_of (s, first->start));

      prefix = g_strndup (s->yaml + start, first->start - start);
      if (!is_dash_prefix (prefix))
        g_clear_pointer (&prefix, g_free);
    }
  /* As libyaml writes a list under a key. */
  if (prefix == NULL)
    prefix = g_strdup ("- ");

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autoptr(BylineYamlNode) node = _byline_yaml_node_from_string (tags[i]);
      g_autofree char *emitted = _byline_yaml_emit_inline (node, FALSE);

      if (emitted == NULL)
        return NULL;
      g_string_append_printf (text, "%s%s\n", prefix, emitted);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_tags (Editor             *e,
          int                 index,
          const char * const *tags)
{
  Scan *s = &e->s;
  Entry *entry = entry_at (s, index);
  guint n_tags = g_strv_length ((char **)tags);
  g_autoptr(BylineYamlNode) list = NULL;

  if (entry->items != NULL && !entry->has_anchor)
    {
      gboolean all_scalars = TRUE;

      for (guint i = 0; i < entry->items->len; i++)
        all_scalars = all_scalars && g_array_index (entry->items, Item, i).scalar;

      if (all_scalars && entry->style == YAML_FLOW_SEQUENCE_STYLE &&
          set_flow_tags (e, index, tags, n_tags))
        return;
      if (all_scalars && entry->style == YAML_BLOCK_SEQUENCE_STYLE &&
          set_block_tags (e, index, tags, n_tags))
        return;
    }

  /* One tag written as a single value stays one. */
  if (n_tags == 1 && entry->type == YAML_SCALAR_EVENT && !entry->empty)
    {
      set_scalar (e, index, tags[0]);
      return;
    }

  /* `tags:` with nothing: the list goes under it, as the file writes lists. */
  if (entry->empty && n_tags > 0 && !(s->flow_lists && s->seq_prefix_entry < 0))
    {
      g_autofree char *lines = block_list_text (s, tags);
      guint line = line_of (s, entry->key_start);

      if (lines != NULL && line == entry_last_line (s, entry))
        {
          g_autofree char *indented = indent_lines (lines, s->root_indent);

          add_edit (e, line_start (s, line + 1), line_start (s, line + 1), indented);
          return;
        }
    }

  list = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);
  list->style = (entry->type == YAML_SEQUENCE_START_EVENT &&
                 entry->style == YAML_FLOW_SEQUENCE_STYLE) ||
                (s->flow_lists && s->seq_prefix_entry < 0)
                ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE;
  if (n_tags == 0)
    list->style = YAML_FLOW_SEQUENCE_STYLE;
  for (guint i = 0; i < n_tags; i++)
    g_ptr_array_add (list->children, _byline_yaml_node_from_string (tags[i]));
  replace_lines (e, index, list);
}

/* The known keys in the order a new one is written. */
typedef enum
{
  UNIT_STRING,
  UNIT_TAGS,
  UNIT_COVER,
  UNIT_BSKY_POST_REF,
  UNIT_RECORD_FIELDS,
} UnitKind;

static const struct
{
  UnitKind kind;
  int      field;
  const char *key;
} units[] = {
  { UNIT_STRING, BYLINE_METADATA_FIELD_TITLE, NULL },
  { UNIT_STRING, BYLINE_METADATA_FIELD_DESCRIPTION, NULL },
  { UNIT_STRING, BYLINE_METADATA_FIELD_SITE, NULL },
  { UNIT_STRING, BYLINE_METADATA_FIELD_PATH, NULL },
  { UNIT_STRING, BYLINE_METADATA_FIELD_PUBLISHED_AT, NULL },
  { UNIT_STRING, BYLINE_METADATA_FIELD_UPDATED_AT, NULL },
  { UNIT_TAGS, -1, "tags" },
  { UNIT_COVER, BYLINE_METADATA_FIELD_COVER_IMAGE, NULL },
  { UNIT_BSKY_POST_REF, -1, "bskyPostRef" },
  { UNIT_STRING, BYLINE_METADATA_FIELD_CONTENT_FORMAT, NULL },
  { UNIT_STRING, BYLINE_METADATA_FIELD_RECORD_URI, NULL },
  { UNIT_STRING, BYLINE_METADATA_FIELD_RECORD_CID, NULL },
  { UNIT_RECORD_FIELDS, -1, "recordFields" },
};

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

static gboolean
json_equal0 (JsonObject *a,
             JsonObject *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return json_object_equal (a, b);
}

static const char *
unit_key (BylineMetadata *metadata,
          guint           unit)
{
  if (units[unit].key != NULL)
    return units[unit].key;

  /* A blob is always under coverImage: aliases name files only. */
  if (units[unit].kind == UNIT_COVER && byline_metadata_get_cover_image (metadata) == NULL &&
      byline_metadata_get_cover_blob (metadata) != NULL)
    return "coverImage";

  return _byline_metadata_get_key_name (metadata, units[unit].field);
}

static gboolean
unit_is_set (BylineMetadata *metadata,
             guint           unit)
{
  switch (units[unit].kind)
    {
    case UNIT_STRING:
      return byline_metadata_get_string (metadata, units[unit].field) != NULL;
    case UNIT_TAGS:
      return byline_metadata_get_tags (metadata) != NULL;
    case UNIT_COVER:
      return byline_metadata_get_cover_image (metadata) != NULL ||
             byline_metadata_get_cover_blob (metadata) != NULL;
    case UNIT_BSKY_POST_REF:
      return byline_metadata_get_bsky_post_uri (metadata) != NULL ||
             byline_metadata_get_bsky_post_cid (metadata) != NULL;
    case UNIT_RECORD_FIELDS:
      return byline_metadata_get_record_fields (metadata) != NULL;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
unit_equal (BylineMetadata *a,
            BylineMetadata *b,
            guint           unit)
{
  if (unit_is_set (a, unit) != unit_is_set (b, unit))
    return FALSE;
  if (unit_is_set (a, unit) && g_strcmp0 (unit_key (a, unit), unit_key (b, unit)) != 0)
    return FALSE;

  switch (units[unit].kind)
    {
    case UNIT_STRING:
      return g_strcmp0 (byline_metadata_get_string (a, units[unit].field),
                        byline_metadata_get_string (b, units[unit].field)) == 0;
    case UNIT_TAGS:
      return strv_equal0 (byline_metadata_get_tags (a), byline_metadata_get_tags (b));
    case UNIT_COVER:
      return g_strcmp0 (byline_metadata_get_cover_image (a),
                        byline_metadata_get_cover_image (b)) == 0 &&
             (byline_metadata_get_cover_image (a) != NULL ||
              json_equal0 (byline_metadata_get_cover_blob (a), byline_metadata_get_cover_blob (b)));
    case UNIT_BSKY_POST_REF:
      return g_strcmp0 (byline_metadata_get_bsky_post_uri (a),
                        byline_metadata_get_bsky_post_uri (b)) == 0 &&
             g_strcmp0 (byline_metadata_get_bsky_post_cid (a),
                        byline_metadata_get_bsky_post_cid (b)) == 0;
    case UNIT_RECORD_FIELDS:
      return json_equal0 (byline_metadata_get_record_fields (a),
                          byline_metadata_get_record_fields (b));
    default:
      g_assert_not_reached ();
    }
}

/* The unit's value in @metadata as a YAML node, for libyaml to write. */
static BylineYamlNode *
unit_node (BylineMetadata *metadata,
           guint           unit,
           int             style)
{
  JsonObject *object = NULL;

  switch (units[unit].kind)
    {
    case UNIT_STRING:
      return _byline_yaml_node_from_string (byline_metadata_get_string (metadata,
                                                                        units[unit].field));

    case UNIT_TAGS:
      {
        BylineYamlNode *seq = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);
        const char * const *tags = byline_metadata_get_tags (metadata);

        seq->style = tags[0] ? YAML_BLOCK_SEQUENCE_STYLE : YAML_FLOW_SEQUENCE_STYLE;
        for (guint i = 0; tags[i] != NULL; i++)
          g_ptr_array_add (seq->children, _byline_yaml_node_from_string (tags[i]));
        return seq;
      }

    case UNIT_COVER:
      if (byline_metadata_get_cover_image (metadata) != NULL)
        return _byline_yaml_node_from_string (byline_metadata_get_cover_image (metadata));
      object = byline_metadata_get_cover_blob (metadata);
      break;

    case UNIT_BSKY_POST_REF:
      {
        BylineYamlNode *map = _byline_yaml_node_new (BYLINE_YAML_MAPPING);
        const char *uri = byline_metadata_get_bsky_post_uri (metadata);
        const char *cid = byline_metadata_get_bsky_post_cid (metadata);

        map->style = style == YAML_FLOW_MAPPING_STYLE ? style : YAML_BLOCK_MAPPING_STYLE;
        if (uri != NULL)
          {
            g_ptr_array_add (map->children, _byline_yaml_node_from_string ("uri"));
            g_ptr_array_add (map->children, _byline_yaml_node_from_string (uri));
          }
        if (cid != NULL)
          {
            g_ptr_array_add (map->children, _byline_yaml_node_from_string ("cid"));
            g_ptr_array_add (map->children, _byline_yaml_node_from_string (cid));
          }
        return map;
      }

    case UNIT_RECORD_FIELDS:
      object = byline_metadata_get_record_fields (metadata);
      break;

    default:
      g_assert_not_reached ();
    }

  {
    g_autoptr(JsonNode) json = json_node_init_object (json_node_alloc (), object);
    BylineYamlNode *node = _byline_yaml_node_from_json (json);

    if (style == YAML_FLOW_MAPPING_STYLE)
      node->style = style;
    return node;
  }
}

static void
set_unit (Editor         *e,
          int             index,
          BylineMetadata *metadata,
          guint           unit)
{
  Entry *entry = entry_at (&e->s, index);

  switch (units[unit].kind)
    {
    case UNIT_STRING:
      set_scalar (e, index, byline_metadata_get_string (metadata, units[unit].field));
      return;

    case UNIT_TAGS:
      set_tags (e, index, byline_metadata_get_tags (metadata));
      return;

    case UNIT_COVER:
      if (byline_metadata_get_cover_image (metadata) != NULL)
        {
          set_scalar (e, index, byline_metadata_get_cover_image (metadata));
          return;
        }
      break;

    case UNIT_BSKY_POST_REF:
    case UNIT_RECORD_FIELDS:
    default:
      break;
    }

  /* Nested values are replaced as a unit. */
  {
    int style = entry->type == YAML_MAPPING_START_EVENT ? entry->style : 0;
    g_autoptr(BylineYamlNode) node = unit_node (metadata, unit, style);

    replace_lines (e, index, node);
  }
}

/* New keys, in the known order, go after the last known key already there. */
static void
insert_units (Editor         *e,
              BylineMetadata *metadata,
              const guint    *new_units,
              guint           n_new_units)
{
  Scan *s = &e->s;
  g_autoptr(GString) text = g_string_new (NULL);
  gsize position = s->len;
  int after = -1;

  if (n_new_units == 0)
    return;

  for (guint i = 0; i < s->entries->len; i++)
    if (_byline_front_matter_is_known_key (entry_at (s, i)->name))
      after = i;
  if (after < 0 && s->entries->len > 0)
    after = s->entries->len - 1;
  if (after >= 0)
    position = line_start (s, entry_last_line (s, entry_at (s, after)) + 1);

  for (guint i = 0; i < n_new_units; i++)
    {
      guint unit = new_units[i];
      g_autofree char *emitted = NULL;

      if (units[unit].kind == UNIT_TAGS && byline_metadata_get_tags (metadata)[0] != NULL &&
          !(s->flow_lists && s->seq_prefix_entry < 0))
        {
          g_autofree char *lines = block_list_text (s, byline_metadata_get_tags (metadata));

          if (lines == NULL)
            {
              g_debug ("libyaml could not write a new value");
              e->failed = TRUE;
              return;
            }
          emitted = g_strconcat ("tags:\n", lines, NULL);
        }
      else if (units[unit].kind == UNIT_TAGS)
        {
          g_autoptr(BylineYamlNode) node = new_list_node (s, byline_metadata_get_tags (metadata));

          emitted = _byline_yaml_emit_entry (unit_key (metadata, unit), node, 2);
        }
      else
        {
          g_autoptr(BylineYamlNode) node = unit_node (metadata, unit, 0);

          emitted = _byline_yaml_emit_entry (unit_key (metadata, unit), node, 2);
        }

      if (emitted == NULL)
        {
          g_debug ("libyaml could not write a new value");
          e->failed = TRUE;
          return;
        }

      {
        g_autofree char *indented = indent_lines (emitted, s->root_indent);

        g_string_append (text, indented);
      }
    }

  /* The last line of the YAML may lack its line end only when nothing follows it. */
  if (position == s->len && s->len > 0 && s->yaml[s->len - 1] != '\n')
    g_string_prepend (text, "\n");

  add_edit (e, position, position, text->str);
}

/* How much further in than its key a block list's dashes stand ("  - a" under "key:"). */
static gsize
list_indent (Scan  *s,
             Entry *entry)
{
  gsize key_column = entry->key_start - line_start (s, line_of (s, entry->key_start));
  gsize dash, column;

  if (entry->type != YAML_SEQUENCE_START_EVENT || entry->style != YAML_BLOCK_SEQUENCE_STYLE ||
      entry->child_start == G_MAXSIZE)
    return 0;

  dash = entry->child_start;
  while (dash > 0 && s->yaml[dash - 1] == ' ')
    dash--;
  if (dash == 0 || s->yaml[dash - 1] != '-')
    return 0;
  column = dash - 1 - line_start (s, line_of (s, dash - 1));

  return column > key_column && column - key_column <= 8 ? column - key_column : 0;
}

/* Unknown keys the panel edits (contributors): a changed value is written again whole, a
 * removed key takes its lines with it, a new key goes last. */
static void
edit_extras (Editor         *e,
             BylineMetadata *old,
             BylineMetadata *metadata)
{
  Scan *s = &e->s;
  GPtrArray *before = _byline_metadata_get_extra (old);
  GPtrArray *after = _byline_metadata_get_extra (metadata);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i + 1 < before->len && !e->failed; i += 2)
    {
      const BylineYamlNode *name = g_ptr_array_index (before, i);
      const BylineYamlNode *value;
      int index;

      if (name->kind != BYLINE_YAML_SCALAR || (index = find_entry (s, name->value)) < 0)
        {
          e->failed = TRUE;
          return;
        }

      value = _byline_metadata_get_extra_node (metadata, name->value);
      if (value == NULL)
        delete_entry (e, index);
      else if (!_byline_yaml_node_equal (value, g_ptr_array_index (before, i + 1)))
        replace_lines_indented (e, index, value, list_indent (s, entry_at (s, index)));
    }

  for (guint i = 0; i + 1 < after->len && !e->failed; i += 2)
    {
      const BylineYamlNode *name = g_ptr_array_index (after, i);
      g_autofree char *emitted = NULL;
      g_autofree char *indented = NULL;

      if (name->kind != BYLINE_YAML_SCALAR)
        {
          e->failed = TRUE;
          return;
        }
      if (_byline_metadata_get_extra_node (old, name->value) != NULL)
        continue;

      emitted = _byline_yaml_emit_entry (name->value, g_ptr_array_index (after, i + 1), 2);
      if (emitted == NULL)
        {
          g_debug ("libyaml could not write a new value");
          e->failed = TRUE;
          return;
        }
      indented = indent_lines (emitted, s->root_indent);
      g_string_append (text, indented);
    }

  if (e->failed || text->len == 0)
    return;

  /* The last line of the YAML may lack its line end only when nothing follows it. */
  if (s->len > 0 && s->yaml[s->len - 1] != '\n')
    {
      gboolean ended = FALSE;

      for (guint i = 0; i < e->edits->len; i++)
        if (g_array_index (e->edits, Edit, i).start == s->len)
          ended = TRUE;
      if (!ended)
        g_string_prepend (text, "\n");
    }

  add_edit (e, s->len, s->len, text->str);
}

static gint
compare_edits (gconstpointer a,
               gconstpointer b)
{
  const Edit *x = a;
  const Edit *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;

  return x->order < y->order ? -1 : x->order > y->order;
}

static char *
apply_edits (Editor *e)
{
  Scan *s = &e->s;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize pos = 0;

  g_array_sort (e->edits, compare_edits);

  for (guint i = 0; i < e->edits->len; i++)
    {
      Edit *edit = &g_array_index (e->edits, Edit, i);

      /* Two edits of the same text (an anchor moved into a key also edited): too much. */
      if (edit->start < pos)
        return NULL;

      g_string_append_len (out, s->yaml + pos, edit->start - pos);
      g_string_append (out, edit->text);
      pos = edit->end;
    }
  g_string_append_len (out, s->yaml + pos, s->len - pos);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
extra_equal (BylineMetadata *a,
             BylineMetadata *b)
{
  GPtrArray *x = _byline_metadata_get_extra (a);
  GPtrArray *y = _byline_metadata_get_extra (b);

  if (x->len != y->len)
    return FALSE;

  for (guint i = 0; i < x->len; i++)
    if (!_byline_yaml_node_equal (g_ptr_array_index (x, i), g_ptr_array_index (y, i)))
      return FALSE;

  return TRUE;
}

/* Whether @a and @b hold the same front matter: the same values under the same keys. */
static gboolean
metadata_equivalent (BylineMetadata *a,
                     BylineMetadata *b)
{
  for (guint unit = 0; unit < G_N_ELEMENTS (units); unit++)
    if (!unit_equal (a, b, unit))
      return FALSE;

  return extra_equal (a, b);
}

static const char *
detect_eol (const char *text,
            gsize       len)
{
  const char *nl = memchr (text, '\n', len);

  return nl != NULL && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
}

/**
 * _byline_front_matter_edit:
 * @text: the article
 * @len: its length in bytes
 * @metadata: what its front matter should hold
 *
 * Edits the front-matter block of @text in place so that it holds @metadata: only the keys
 * whose values differ are written.
 *
 * Returns: (transfer full) (nullable): the article, edited, or %NULL if its front matter
 *   cannot be edited in place (it is missing or broken, holds a flow mapping, an anchor that
 *   cannot move, or the edit would not read back as @metadata)
 */
char *
_byline_front_matter_edit (const char     *text,
                           gsize           len,
                           BylineMetadata *metadata)
{
  g_autoptr(BylineMetadata) old = NULL;
  g_autoptr(BylineMetadata) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yaml = NULL;
  g_autofree guint *new_units = g_new (guint, G_N_ELEMENTS (units));
  g_autoptr(GString) out = NULL;
  guint n_new_units = 0;
  gsize yaml_start, yaml_end, block_end;
  Editor e = { { 0, }, NULL, NULL, FALSE };

  if (!_byline_front_matter_find_yaml (text, len, &yaml_start, &yaml_end, &block_end))
    return NULL;

  old = byline_front_matter_parse (text, len, NULL, NULL);
  if (old == NULL)
    return NULL;

  if (!scan_yaml (&e.s, text + yaml_start, yaml_end - yaml_start))
    {
      g_debug ("The front matter holds YAML that cannot be edited in place");
      scan_clear (&e.s);
      return NULL;
    }

  e.edits = g_array_new (FALSE, TRUE, sizeof (Edit));
  g_array_set_clear_func (e.edits, edit_clear);
  e.eol = detect_eol (text, len);

  for (guint unit = 0; unit < G_N_ELEMENTS (units) && !e.failed; unit++)
    {
      int index;

      if (unit_equal (old, metadata, unit))
        continue;

      index = find_entry (&e.s, unit_key (old, unit));

      /* Renamed (an alias given up for the canonical key, say): out, then in again. */
      if (index >= 0 && unit_is_set (metadata, unit) &&
          g_strcmp0 (unit_key (old, unit), unit_key (metadata, unit)) != 0)
        {
          delete_entry (&e, index);
          index = -1;
        }

      if (!unit_is_set (metadata, unit))
        {
          if (index >= 0)
            delete_entry (&e, index);
        }
      else if (index >= 0)
        set_unit (&e, index, metadata, unit);
      else
        new_units[n_new_units++] = unit;
    }

  if (!e.failed)
    insert_units (&e, metadata, new_units, n_new_units);

  if (!e.failed && !extra_equal (old, metadata))
    edit_extras (&e, old, metadata);

  if (!e.failed)
    yaml = apply_edits (&e);

  g_array_unref (e.edits);
  scan_clear (&e.s);

  if (yaml == NULL)
    {
      g_debug ("The front matter could not be edited in place");
      return NULL;
    }

  out = g_string_sized_new (len + 64);
  /* Nothing left, not even a comment: no block either, as a full rewrite gives. */
  if (byline_metadata_is_empty (metadata) && yaml[strspn (yaml, " \t\r\n")] == 0)
    {
      if (byline_front_matter_find (text + block_end, len - block_end, NULL))
        g_string_append_printf (out, "---%s---%s", detect_eol (text, len), detect_eol (text, len));
    }
  else
    {
      g_string_append_len (out, text, yaml_start);
      g_string_append (out, yaml);
      g_string_append_len (out, text + yaml_end, block_end - yaml_end);
    }
  g_string_append_len (out, text + block_end, len - block_end);

  /* The safety net: what was written must read back as what was meant. */
  check = byline_front_matter_parse (out->str, out->len, NULL, &error);
  if (check == NULL || !metadata_equivalent (check, metadata))
    {
      g_warning ("The front matter could not be edited in place (%s); it is written again whole",
                 error ? error->message : "it would not read back the same");
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
