/* byline-front-matter.c
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

#include <glib/gi18n.h>
#include <yaml.h>

#include "byline-front-matter-private.h"
#include "byline-yaml-private.h"

/*
 * Reading the front matter: finding the block, parsing its YAML with libyaml into
 * BylineYamlNode values, and the errors that name a line and column. What the keys mean
 * is read in byline-front-matter-keys.c; writing the block back is in
 * byline-front-matter-writer.c.
 */

/* Deeper nesting is hostile input, and would only cost stack. */
#define MAX_DEPTH 64

G_DEFINE_QUARK (byline-front-matter-error-quark, byline_front_matter_error)

void
_byline_front_matter_set_error_at (BylineFrontMatterParse  *p,
                                   GError                 **error,
                                   int                      code,
                                   gsize                    line,
                                   gsize                    column,
                                   const char              *message)
{
  g_set_error (error, BYLINE_FRONT_MATTER_ERROR, code,
               _("Front matter, line %" G_GSIZE_FORMAT ", column %" G_GSIZE_FORMAT ": %s"),
               p->first_line + line + 1, column + 1, message);
}

/* The indentation of a line of the YAML text; the end of the text is a line of its own. */
static gsize
line_indent (BylineFrontMatterParse *p,
             gsize                   line)
{
  const char *s = p->yaml;
  const char *end = p->yaml + p->yaml_len;
  gsize indent = 0;

  for (gsize i = 0; i < line && s != NULL; i++)
    if ((s = memchr (s, '\n', end - s)) != NULL)
      s++;
  if (s == NULL)
    return 0;

  while (s + indent < end && s[indent] == ' ')
    indent++;

  return indent;
}

/* libyaml notices an unclosed bracket or quote only lines below it, at the next key or at
 * the end of the YAML, with the place it was opened as the context: the message for that
 * place. */
static char *
describe_unclosed (BylineFrontMatterParse *p)
{
  const yaml_parser_t *parser = &p->parser;

  if (parser->context == NULL || parser->problem_mark.line <= parser->context_mark.line ||
      line_indent (p, parser->problem_mark.line) > line_indent (p, parser->context_mark.line))
    return NULL;

  if (strcmp (parser->context, "while parsing a flow sequence") == 0)
    return g_strdup_printf (_("this “[” is not closed (%s)"), parser->problem);
  if (strcmp (parser->context, "while parsing a flow mapping") == 0)
    return g_strdup_printf (_("this “{” is not closed (%s)"), parser->problem);
  if (strcmp (parser->context, "while scanning a quoted scalar") == 0)
    return g_strdup_printf (_("this quote is not closed (%s)"), parser->problem);

  return NULL;
}

static void
set_parser_error (BylineFrontMatterParse  *p,
                  GError                 **error)
{
  const yaml_parser_t *parser = &p->parser;
  g_autofree char *message = describe_unclosed (p);

  if (message != NULL)
    {
      _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                                         parser->context_mark.line, parser->context_mark.column,
                                         message);
      return;
    }

  if (parser->context != NULL)
    message = g_strdup_printf ("%s (%s)", parser->problem, parser->context);
  else
    message = g_strdup (parser->problem ? parser->problem : _("unreadable YAML"));

  _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                                     parser->problem_mark.line, parser->problem_mark.column,
                                     message);
}

static gboolean
next_event (BylineFrontMatterParse  *p,
            yaml_event_t            *event,
            GError                 **error)
{
  if (!yaml_parser_parse (&p->parser, event))
    {
      set_parser_error (p, error);
      return FALSE;
    }

  return TRUE;
}

static BylineYamlNode *parse_node (BylineFrontMatterParse  *p,
                                   yaml_event_t            *event,
                                   guint                    depth,
                                   GError                 **error);

static gboolean
parse_children (BylineFrontMatterParse  *p,
                BylineYamlNode          *node,
                yaml_event_type_t        end_type,
                guint                    depth,
                GError                 **error)
{
  g_autoptr(GHashTable) keys = NULL;

  if (node->kind == BYLINE_YAML_MAPPING)
    keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (;;)
    {
      yaml_event_t event;
      BylineYamlNode *child;

      if (!next_event (p, &event, error))
        return FALSE;

      if (event.type == end_type)
        {
          yaml_event_delete (&event);
          return TRUE;
        }

      child = parse_node (p, &event, depth + 1, error);
      yaml_event_delete (&event);
      if (child == NULL)
        return FALSE;

      /* Keys sit at even positions; a duplicate makes the meaning ambiguous. Nulls are
       * one key however they are spelt ("", "~", "null"). */
      if (keys != NULL && node->children->len % 2 == 0 && child->kind == BYLINE_YAML_SCALAR)
        {
          const char *name = _byline_yaml_node_is_null (child) ? "~" : child->value;

          if (g_hash_table_contains (keys, name))
            {
              g_autofree char *message = g_strdup_printf (_("duplicate key “%s”"), child->value);

              _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_DUPLICATE_KEY,
                                                 child->line, child->column, message);
              _byline_yaml_node_free (child);
              return FALSE;
            }
          g_hash_table_add (keys, (gpointer)name);
        }

      g_ptr_array_add (node->children, child);
    }
}

static BylineYamlNode *
parse_node (BylineFrontMatterParse  *p,
            yaml_event_t            *event,
            guint                    depth,
            GError                 **error)
{
  g_autoptr(BylineYamlNode) node = NULL;

  if (depth > MAX_DEPTH)
    {
      _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                                         event->start_mark.line, event->start_mark.column,
                                         _("values are nested too deeply"));
      return NULL;
    }

  switch (event->type)
    {
    case YAML_SCALAR_EVENT:
      node = _byline_yaml_node_new (BYLINE_YAML_SCALAR);
      node->value = g_strndup ((const char *)event->data.scalar.value, event->data.scalar.length);
      node->length = event->data.scalar.length;
      node->style = event->data.scalar.style;
      node->tag = g_strdup ((const char *)event->data.scalar.tag);
      node->anchor = g_strdup ((const char *)event->data.scalar.anchor);
      node->plain_implicit = event->data.scalar.plain_implicit;
      node->quoted_implicit = event->data.scalar.quoted_implicit;
      /* Embedded NULs can't be kept in the metadata's C strings. */
      if (strlen (node->value) != node->length)
        {
          _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_ENCODING,
                                             event->start_mark.line, event->start_mark.column,
                                             _("a value holds a NUL character"));
          return NULL;
        }
      break;

    case YAML_ALIAS_EVENT:
      node = _byline_yaml_node_new (BYLINE_YAML_ALIAS);
      node->value = g_strdup ((const char *)event->data.alias.anchor);
      node->length = strlen (node->value);
      /* An anchor may be defined again: an alias names the latest one before it. */
      node->target = g_hash_table_lookup (p->anchors, node->value);
      if (node->target == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("unknown alias “%s”"), node->value);

          _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                                             event->start_mark.line, event->start_mark.column,
                                             message);
          return NULL;
        }
      break;

    case YAML_SEQUENCE_START_EVENT:
      node = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);
      node->style = event->data.sequence_start.style;
      node->tag = g_strdup ((const char *)event->data.sequence_start.tag);
      node->anchor = g_strdup ((const char *)event->data.sequence_start.anchor);
      node->implicit = event->data.sequence_start.implicit;
      break;

    case YAML_MAPPING_START_EVENT:
      node = _byline_yaml_node_new (BYLINE_YAML_MAPPING);
      node->style = event->data.mapping_start.style;
      node->tag = g_strdup ((const char *)event->data.mapping_start.tag);
      node->anchor = g_strdup ((const char *)event->data.mapping_start.anchor);
      node->implicit = event->data.mapping_start.implicit;
      break;

    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
    default:
      _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                                         event->start_mark.line, event->start_mark.column,
                                         _("unexpected YAML event"));
      return NULL;
    }

  node->line = event->start_mark.line;
  node->column = event->start_mark.column;

  if (node->kind == BYLINE_YAML_SEQUENCE &&
      !parse_children (p, node, YAML_SEQUENCE_END_EVENT, depth, error))
    return NULL;
  if (node->kind == BYLINE_YAML_MAPPING &&
      !parse_children (p, node, YAML_MAPPING_END_EVENT, depth, error))
    return NULL;

  if (node->anchor != NULL)
    g_hash_table_insert (p->anchors, node->anchor, node);

  return g_steal_pointer (&node);
}

const char *
_byline_front_matter_describe_kind (const BylineYamlNode *node)
{
  switch (node->kind)
    {
    case BYLINE_YAML_SEQUENCE:
      return _("a list");
    case BYLINE_YAML_MAPPING:
      return _("a mapping");
    case BYLINE_YAML_SCALAR:
    case BYLINE_YAML_ALIAS:
    default:
      return _("a single value");
    }
}

static gsize
count_lines (const char *text,
             gsize       len)
{
  gsize lines = 0;

  for (const char *p = memchr (text, '\n', len); p != NULL;
       p = memchr (p + 1, '\n', len - (p + 1 - text)))
    lines++;

  return lines;
}

static gboolean
check_utf8 (BylineFrontMatterParse  *p,
            const char              *yaml,
            gsize                    len,
            GError                 **error)
{
  const char *end = NULL;
  const char *line_start;
  g_autofree char *message = NULL;

  if (g_utf8_validate_len (yaml, len, &end))
    return TRUE;

  line_start = end;
  while (line_start > yaml && line_start[-1] != '\n')
    line_start--;

  message = g_strdup_printf (_("the text is not valid UTF-8 (byte 0x%02X)"), (guchar)*end);
  _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_ENCODING,
                                     count_lines (yaml, end - yaml),
                                     g_utf8_strlen (line_start, end - line_start), message);
  return FALSE;
}

static gboolean
is_fence (const char *line,
          gsize       len,
          const char *fence)
{
  if (len < 3 || memcmp (line, fence, 3) != 0)
    return FALSE;

  for (gsize i = 3; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;

  return TRUE;
}

/* Finds the YAML text between the fences: [*yaml_start, *yaml_end). */
static gboolean
find_block (const char *text,
            gsize       len,
            gsize      *yaml_start,
            gsize      *yaml_end,
            gsize      *block_end)
{
  gsize start = 0;
  gsize pos;
  const char *nl;

  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  nl = memchr (text + start, '\n', len - start);
  if (nl == NULL || !is_fence (text + start, nl - (text + start), "---"))
    return FALSE;

  pos = nl - text + 1;
  while (pos < len)
    {
      gsize line_len;

      nl = memchr (text + pos, '\n', len - pos);
      line_len = nl ? (gsize)(nl - (text + pos)) : len - pos;

      if (is_fence (text + pos, line_len, "---") || is_fence (text + pos, line_len, "..."))
        {
          *yaml_start = start;
          *yaml_end = pos;
          *block_end = nl ? (gsize)(nl - text) + 1 : len;
          return TRUE;
        }

      if (nl == NULL)
        break;
      pos = nl - text + 1;
    }

  return FALSE;
}

/* The YAML text of the front-matter block, between its fence lines: [*yaml_start, *yaml_end);
 * *block_end is where the body starts. */
gboolean
_byline_front_matter_find_yaml (const char *text,
                                gsize       len,
                                gsize      *yaml_start,
                                gsize      *yaml_end,
                                gsize      *block_end)
{
  gsize fence;

  if (!find_block (text, len, &fence, yaml_end, block_end))
    return FALSE;

  *yaml_start = (const char *)memchr (text + fence, '\n', *yaml_end - fence) - text + 1;

  return TRUE;
}

/**
 * byline_front_matter_find:
 * @text: the article
 * @len: the length of @text in bytes
 * @block_end: (out) (optional): where the body starts
 *
 * Looks for a front-matter block: a `---` line at the very start (after an
 * optional byte-order mark), YAML, then a closing `---` (or `...`) line.
 *
 * Returns: %TRUE if @text opens with a front-matter block; @block_end is then the
 *   byte offset just after the closing line and its newline
 */
gboolean
byline_front_matter_find (const char *text,
                          gsize       len,
                          gsize      *block_end)
{
  gsize yaml_start, yaml_end, end;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (!find_block (text, len, &yaml_start, &yaml_end, &end))
    return FALSE;

  if (block_end != NULL)
    *block_end = end;

  return TRUE;
}

/**
 * byline_front_matter_parse:
 * @text: the article
 * @len: the length of @text in bytes
 * @body_offset: (out) (optional): where the body starts (0 without front matter)
 * @error: return location for a #GError
 *
 * Parses the front matter with libyaml. Known keys and their aliases fill the
 * metadata's properties; every other key is kept, in order, with its value as
 * written. Of a canonical key and an alias for the same field (`publishedAt` and
 * `date`), the canonical key wins and the alias is kept as an unknown key.
 *
 * Returns: (transfer full) (nullable): the metadata, empty when there is no front
 *   matter, or %NULL with @error set in %BYLINE_FRONT_MATTER_ERROR
 */
BylineMetadata *
byline_front_matter_parse (const char  *text,
                           gsize        len,
                           gsize       *body_offset,
                           GError     **error)
{
  g_autoptr(BylineMetadata) metadata = byline_metadata_new ();
  g_autoptr(BylineYamlNode) root = NULL;
  g_autoptr(GHashTable) anchors = NULL;
  g_autoptr(GHashTable) kept_anchors = NULL;
  yaml_event_t event;
  gsize yaml_start, yaml_end, block_end;
  gboolean ok = FALSE;
  BylineFrontMatterParse p = { 0, };

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (body_offset != NULL)
    *body_offset = 0;

  if (!find_block (text, len, &yaml_start, &yaml_end, &block_end))
    return g_steal_pointer (&metadata);

  p.yaml = text + yaml_start;
  p.first_line = count_lines (text, yaml_start) + 1;
  anchors = p.anchors = g_hash_table_new (g_str_hash, g_str_equal);
  kept_anchors = p.kept_anchors = g_hash_table_new (g_str_hash, g_str_equal);

  /* The fence line's own length, so that yaml_start points at the YAML itself. */
  yaml_start = (const char *)memchr (text + yaml_start, '\n', yaml_end - yaml_start) - text + 1;
  p.yaml = text + yaml_start;
  p.yaml_len = yaml_end - yaml_start;

  if (!check_utf8 (&p, p.yaml, yaml_end - yaml_start, error))
    return NULL;

  yaml_parser_initialize (&p.parser);
  yaml_parser_set_input_string (&p.parser, (const guchar *)p.yaml, yaml_end - yaml_start);
  yaml_parser_set_encoding (&p.parser, YAML_UTF8_ENCODING);

  if (!next_event (&p, &event, error))       /* STREAM-START */
    goto out;
  yaml_event_delete (&event);
  if (!next_event (&p, &event, error))
    goto out;

  if (event.type == YAML_DOCUMENT_START_EVENT)
    {
      yaml_event_delete (&event);
      if (!next_event (&p, &event, error))
        goto out;
      root = parse_node (&p, &event, 0, error);
      yaml_event_delete (&event);
      if (root == NULL)
        goto out;
      if (!next_event (&p, &event, error))    /* DOCUMENT-END */
        goto out;
    }
  yaml_event_delete (&event);

  if (root != NULL && root->kind != BYLINE_YAML_MAPPING && !_byline_yaml_node_is_null (root))
    {
      g_autofree char *message =
        g_strdup_printf (_("expected keys with values (“title: …”), found %s"),
                         _byline_front_matter_describe_kind (root));

      _byline_front_matter_set_error_at (&p, error, BYLINE_FRONT_MATTER_ERROR_NOT_MAPPING,
                                         root->line, root->column, message);
      goto out;
    }

  if (root != NULL && root->kind == BYLINE_YAML_MAPPING &&
      !_byline_front_matter_apply_mapping (&p, metadata, root, error))
    goto out;

  ok = TRUE;
  if (body_offset != NULL)
    *body_offset = block_end;

out:
  yaml_parser_delete (&p.parser);

  return ok ? g_steal_pointer (&metadata) : NULL;
}
