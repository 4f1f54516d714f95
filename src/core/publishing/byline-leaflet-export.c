/* byline-leaflet-export.c
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


#define G_LOG_DOMAIN "byline-leaflet-export"

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "byline-json.h"
#include "byline-leaflet-private.h"
#include "byline-renderer-private.h"

/*
 * Markdown -> Leaflet blocks (`pub.leaflet.content`, linearDocument pages), walking
 * cmark-gfm's tree with the renderer's options and extensions:
 *
 *   paragraph -> text, heading -> header, block quote -> one blockquote per paragraph,
 *   fenced or indented code -> code (the fence's first word is the language),
 *   bullet / ordered / task lists -> unorderedList / orderedList (nesting, `checked`),
 *   thematic break -> horizontalRule, a paragraph `$$ … $$` -> math, a paragraph that is
 *   only a bare link -> website, `<br>` alone -> an empty text block, other raw HTML ->
 *   html, a table -> a text block per row (cells joined by ` | `), a footnote -> `[1]`
 *   where it is referenced and a text block `[1] text` at the end.
 *
 * Inline marks become facets over the block's plain text (UTF-8 byte offsets):
 * `**`/`<strong>`/`<b>` bold, `*`/`<em>`/`<i>` italic, `~~`/`<del>`/`<s>` strikethrough,
 * code spans code, `<u>` underline, `<mark>` highlight, links link (`did:` and `at://`
 * destinations are mentions) and `<span data-leaflet="FEATURE-JSON">` any other feature.
 * Facets are written in one canonical form, Leaflet's own: a facet per run of text with
 * the same marks, every mark of the run in it, in order of the text.
 *
 * A fenced block ```` ```leaflet-block ```` holds a block Markdown cannot express, as
 * JSON, and is written back as it is; `<!-- leaflet-page {…} -->` starts a page.
 */

#define FACET_TYPE      "pub.leaflet.richtext.facet"
#define BYTE_SLICE_TYPE "pub.leaflet.richtext.facet#byteSlice"

typedef struct
{
  gsize     start;
  gsize     end;
  JsonNode *feature;
} Mark;

static void
mark_clear (gpointer data)
{
  Mark *mark = data;

  g_clear_pointer (&mark->feature, json_node_unref);
}

/* Facets */

static const char * const feature_order[] = {
  "link", "didMention", "atMention", "footnote", "id",
  "bold", "italic", "strikethrough", "underline", "highlight", "code",
};

const char *
_byline_leaflet_feature_name (JsonNode *feature)
{
  const char *type;

  if (feature == NULL || !JSON_NODE_HOLDS_OBJECT (feature))
    return NULL;
  type = byline_json_object_get_string (json_node_get_object (feature), "$type");
  if (type == NULL || !g_str_has_prefix (type, FACET_TYPE "#"))
    return NULL;

  return type + strlen (FACET_TYPE "#");
}

static guint
feature_rank (JsonNode *feature)
{
  const char *name = _byline_leaflet_feature_name (feature);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (feature_order); i++)
    if (strcmp (name, feature_order[i]) == 0)
      return i;

  return G_N_ELEMENTS (feature_order);
}

typedef struct
{
  JsonNode *feature;
  guint     rank;
  char     *key;
} SortedFeature;

static void
sorted_feature_free (gpointer data)
{
  SortedFeature *sf = data;

  g_free (sf->key);
  g_free (sf);
}

static int
compare_sorted_features (gconstpointer a,
                         gconstpointer b)
{
  const SortedFeature *fa = *(const SortedFeature * const *)a;
  const SortedFeature *fb = *(const SortedFeature * const *)b;

  if (fa->rank != fb->rank)
    return fa->rank < fb->rank ? -1 : 1;
  return strcmp (fa->key, fb->key);
}

static gboolean
same_features (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (((SortedFeature *)g_ptr_array_index (a, i))->key,
                ((SortedFeature *)g_ptr_array_index (b, i))->key) != 0)
      return FALSE;
  return TRUE;
}

static gsize
snap_back (const char *text,
           gsize       length,
           gsize       pos)
{
  if (pos >= length)
    return length;
  while (pos > 0 && ((guchar)text[pos] & 0xC0) == 0x80)
    pos--;
  return pos;
}

static gsize
snap_forward (const char *text,
              gsize       length,
              gsize       pos)
{
  if (pos >= length)
    return length;
  while (pos < length && ((guchar)text[pos] & 0xC0) == 0x80)
    pos++;
  return pos;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gsize x = *(const gsize *)a, y = *(const gsize *)b;

  return x < y ? -1 : x > y;
}

static void
add_facet (JsonArray *facets,
           gsize      start,
           gsize      end,
           GPtrArray *features)
{
  JsonObject *facet = json_object_new ();
  JsonObject *index = json_object_new ();
  JsonArray *list = json_array_new ();

  json_object_set_string_member (index, "$type", BYTE_SLICE_TYPE);
  json_object_set_int_member (index, "byteStart", start);
  json_object_set_int_member (index, "byteEnd", end);
  for (guint i = 0; i < features->len; i++)
    json_array_add_element (list, _byline_leaflet_deep_copy (((SortedFeature *)g_ptr_array_index (features, i))->feature));

  json_object_set_string_member (facet, "$type", FACET_TYPE);
  json_object_set_object_member (facet, "index", index);
  json_object_set_array_member (facet, "features", list);
  json_array_add_object_element (facets, facet);
}

/* Marks (any ranges, overlapping or not) -> canonical facets. */
static JsonArray *
facets_from_marks (const char *text,
                   gsize       length,
                   GArray     *marks)
{
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) run = NULL;
  JsonArray *facets = json_array_new ();
  gsize run_start = 0;
  guint n = 0;

  for (guint i = 0; i < marks->len; i++)
    {
      Mark *mark = &g_array_index (marks, Mark, i);

      mark->start = snap_back (text, length, MIN (mark->start, length));
      mark->end = snap_forward (text, length, MIN (mark->end, length));
      if (mark->start < mark->end)
        {
          g_array_append_val (bounds, mark->start);
          g_array_append_val (bounds, mark->end);
        }
    }

  g_array_sort (bounds, compare_offsets);
  for (guint i = 0; i < bounds->len; i++)
    if (n == 0 || g_array_index (bounds, gsize, n - 1) != g_array_index (bounds, gsize, i))
      g_array_index (bounds, gsize, n++) = g_array_index (bounds, gsize, i);
  g_array_set_size (bounds, n);

  for (guint k = 0; k + 1 < bounds->len; k++)
    {
      gsize a = g_array_index (bounds, gsize, k);
      gsize b = g_array_index (bounds, gsize, k + 1);
      g_autoptr(GPtrArray) features = g_ptr_array_new_with_free_func (sorted_feature_free);

      for (guint i = 0; i < marks->len; i++)
        {
          Mark *mark = &g_array_index (marks, Mark, i);
          gboolean seen = FALSE;

          if (!(mark->start <= a && mark->end >= b && mark->start < mark->end))
            continue;
          for (guint j = 0; j < features->len && !seen; j++)
            seen = json_node_equal (((SortedFeature *)g_ptr_array_index (features, j))->feature, mark->feature);
          if (!seen)
            {
              SortedFeature *sf = g_new0 (SortedFeature, 1);

              sf->feature = mark->feature;
              sf->rank = feature_rank (mark->feature);
              sf->key = byline_json_to_string (mark->feature, FALSE, NULL);
              g_ptr_array_add (features, sf);
            }
        }
      g_ptr_array_sort (features, compare_sorted_features);

      if (run != NULL && same_features (run, features))
        continue;
      if (run != NULL && run->len > 0)
        add_facet (facets, run_start, a, run);
      g_clear_pointer (&run, g_ptr_array_unref);
      run = g_steal_pointer (&features);
      run_start = a;
    }

  if (run != NULL && run->len > 0)
    add_facet (facets, run_start, g_array_index (bounds, gsize, bounds->len - 1), run);

  return facets;
}

static gboolean
get_offset (JsonObject *object,
            const char *member,
            gsize      *offset)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return FALSE;
  *offset = json_node_get_int (node);
  return TRUE;
}

/**
 * _byline_leaflet_canonical_facets:
 * @text: the block's plain text
 * @length: its length in bytes
 * @facets: (nullable): the block's facets
 *
 * Returns: (transfer full): the same marks in canonical form: one facet per run of
 *   text with the same features, runs in order, features deduplicated and sorted;
 *   offsets clamped to the text and widened to whole characters; facets without
 *   a valid index or features left out.
 */
JsonArray *
_byline_leaflet_canonical_facets (const char *text,
                                  gsize       length,
                                  JsonArray  *facets)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, TRUE, sizeof (Mark));

  g_array_set_clear_func (marks, mark_clear);

  for (guint i = 0; facets != NULL && i < json_array_get_length (facets); i++)
    {
      JsonNode *node = json_array_get_element (facets, i);
      JsonObject *facet, *index;
      JsonArray *features;
      gsize start, end;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      facet = json_node_get_object (node);
      if (!json_object_has_member (facet, "index") || !json_object_has_member (facet, "features") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (facet, "index")) ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (facet, "features")))
        continue;
      index = json_object_get_object_member (facet, "index");
      features = json_object_get_array_member (facet, "features");
      if (!get_offset (index, "byteStart", &start) || !get_offset (index, "byteEnd", &end))
        continue;

      for (guint j = 0; j < json_array_get_length (features); j++)
        {
          JsonNode *feature = json_array_get_element (features, j);
          Mark mark = { start, end, NULL };

          if (_byline_leaflet_feature_name (feature) == NULL &&
              !(JSON_NODE_HOLDS_OBJECT (feature) &&
                byline_json_object_get_string (json_node_get_object (feature), "$type") != NULL))
            continue;
          mark.feature = json_node_ref (feature);
          g_array_append_val (marks, mark);
        }
    }

  return facets_from_marks (text, length, marks);
}

/* A node that owns @object (json_node_init_object() would take a reference of its own). */
static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* json_node_copy() shares the objects and arrays inside: this copies them too. */
JsonNode *
_byline_leaflet_deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *copy = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (copy, name, _byline_leaflet_deep_copy (member));
      return take_object (copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));
      JsonNode *array_node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, _byline_leaflet_deep_copy (json_array_get_element (array, i)));
      json_node_take_array (array_node, copy);
      return array_node;
    }

  return json_node_copy (node);
}

static void canonicalise_block (JsonObject *block);

static void
canonicalise_list (JsonObject *list)
{
  JsonNode *children = json_object_get_member (list, "children");

  if (children == NULL || !JSON_NODE_HOLDS_ARRAY (children))
    return;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (children)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (children), i);
      JsonObject *item;
      const char *type;
      const char * const nested[] = { "orderedListChildren", "unorderedListChildren" };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      /* The items' `$type` is implied by the list (the export leaves it out). */
      type = byline_json_object_get_string (item, "$type");
      if (type != NULL && g_str_has_suffix (type, "List#listItem"))
        json_object_remove_member (item, "$type");
      if (json_object_has_member (item, "content") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "content")))
        canonicalise_block (json_object_get_object_member (item, "content"));
      /* Nested items have the item's own shape. */
      canonicalise_list (item);
      for (guint k = 0; k < G_N_ELEMENTS (nested); k++)
        if (json_object_has_member (item, nested[k]) &&
            JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, nested[k])))
          {
            JsonObject *list_object = json_object_get_object_member (item, nested[k]);

            if (!json_object_has_member (list_object, "$type"))
              json_object_set_string_member (list_object, "$type",
                                             k == 0 ? LEAFLET_ORDERED_TYPE : LEAFLET_UNORDERED_TYPE);
            canonicalise_list (list_object);
          }
    }
}

static void
canonicalise_block (JsonObject *block)
{
  const char *type = byline_json_object_get_string (block, "$type");
  const char *plaintext = byline_json_object_get_string (block, "plaintext");

  if (g_strcmp0 (type, LEAFLET_TEXT_TYPE) == 0 || g_strcmp0 (type, LEAFLET_HEADER_TYPE) == 0 ||
      g_strcmp0 (type, LEAFLET_BLOCKQUOTE_TYPE) == 0)
    {
      JsonNode *facets = json_object_get_member (block, "facets");
      JsonArray *canonical;

      if (plaintext == NULL)
        return;
      canonical = _byline_leaflet_canonical_facets (plaintext, strlen (plaintext),
                                                    facets && JSON_NODE_HOLDS_ARRAY (facets) ?
                                                      json_node_get_array (facets) : NULL);
      json_object_set_array_member (block, "facets", canonical);
    }
  else if (g_strcmp0 (type, LEAFLET_UNORDERED_TYPE) == 0 || g_strcmp0 (type, LEAFLET_ORDERED_TYPE) == 0)
    canonicalise_list (block);
}

/**
 * _byline_leaflet_canonical_item:
 * @item: a linearDocument block item (`{"$type": "…#block", "block": {…}}`)
 *
 * Returns: (transfer full): a copy in the form the export writes: the item's
 *   `$type` set, the facets of text, header, blockquote and list items canonical.
 *   Two items with equal canonical forms show the same thing.
 */
JsonNode *
_byline_leaflet_canonical_item (JsonNode *item)
{
  JsonNode *copy = _byline_leaflet_deep_copy (item);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (copy))
    return copy;

  object = json_node_get_object (copy);
  if (!json_object_has_member (object, "$type"))
    json_object_set_string_member (object, "$type", LEAFLET_BLOCK_ITEM_TYPE);
  if (json_object_has_member (object, "block") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "block")))
    canonicalise_block (json_object_get_object_member (object, "block"));

  return copy;
}

/* Inlines */

typedef struct
{
  JsonNode   *feature;   /* NULL for a tag that marks nothing (a plain <span>) */
  cmark_node *node;      /* the inline that opened it, or NULL for a tag */
  const char *tag;       /* the tag's feature name, or NULL for a node */
} Active;

typedef struct
{
  GString *text;
  GArray  *marks;
  GArray  *active;
} Rich;

static void
rich_init (Rich *rich)
{
  rich->text = g_string_new (NULL);
  rich->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  g_array_set_clear_func (rich->marks, mark_clear);
  rich->active = g_array_new (FALSE, TRUE, sizeof (Active));
}

static void
rich_clear (Rich *rich)
{
  for (guint i = 0; i < rich->active->len; i++)
    g_clear_pointer (&g_array_index (rich->active, Active, i).feature, json_node_unref);
  g_array_unref (rich->active);
  g_array_unref (rich->marks);
  g_string_free (rich->text, TRUE);
}

static void
rich_append (Rich       *rich,
             const char *text,
             gssize      length)
{
  gsize start = rich->text->len;

  if (length < 0)
    length = strlen (text);
  if (length == 0)
    return;

  g_string_append_len (rich->text, text, length);
  for (guint i = 0; i < rich->active->len; i++)
    {
      Active *active = &g_array_index (rich->active, Active, i);
      Mark mark = { start, rich->text->len, NULL };

      if (active->feature == NULL)
        continue;
      mark.feature = json_node_ref (active->feature);
      g_array_append_val (rich->marks, mark);
    }
}

static void
rich_push (Rich       *rich,
           JsonNode   *feature,
           cmark_node *node,
           const char *tag)
{
  Active active = { feature, node, tag };

  g_array_append_val (rich->active, active);
}

static void
rich_pop (Rich       *rich,
          cmark_node *node,
          const char *tag)
{
  for (guint i = rich->active->len; i > 0; i--)
    {
      Active *active = &g_array_index (rich->active, Active, i - 1);

      if ((node != NULL && active->node == node) ||
          (tag != NULL && g_strcmp0 (active->tag, tag) == 0))
        {
          g_clear_pointer (&active->feature, json_node_unref);
          g_array_remove_index (rich->active, i - 1);
          return;
        }
    }
}

static JsonNode *
make_feature (const char *name,
              const char *member,
              const char *value)
{
  JsonObject *feature = json_object_new ();
  g_autofree char *type = g_strconcat (FACET_TYPE "#", name, NULL);

  json_object_set_string_member (feature, "$type", type);
  if (member != NULL)
    json_object_set_string_member (feature, member, value);

  return take_object (feature);
}

static JsonNode *
link_feature (const char *url)
{
  if (g_str_has_prefix (url, "did:"))
    return make_feature ("didMention", "did", url);
  if (g_str_has_prefix (url, "at://"))
    return make_feature ("atMention", "atURI", url);
  return make_feature ("link", "uri", url);
}

static char *
unescape_attribute (const char *value,
                    gsize       length)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&quot;", '"' }, { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
    { "&#39;", '\'' }, { "&#34;", '"' },
  };
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      gboolean done = FALSE;

      if (value[i] == '&')
        for (guint k = 0; k < G_N_ELEMENTS (entities) && !done; k++)
          if (strncmp (value + i, entities[k].entity, MIN (strlen (entities[k].entity), length - i)) == 0 &&
              length - i >= strlen (entities[k].entity))
            {
              g_string_append_c (out, entities[k].c);
              i += strlen (entities[k].entity) - 1;
              done = TRUE;
            }
      if (!done)
        g_string_append_c (out, value[i]);
    }

  return g_string_free (out, FALSE);
}

static JsonNode *
span_feature (const char *tag)
{
  const char *start = strstr (tag, "data-leaflet=\"");
  const char *end;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (start == NULL)
    return NULL;
  start += strlen ("data-leaflet=\"");
  end = strchr (start, '"');
  if (end == NULL)
    return NULL;

  json = unescape_attribute (start, end - start);
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      byline_json_object_get_string (json_node_get_object (root), "$type") == NULL)
    return NULL;

  return json_node_copy (root);
}

static void
handle_tag (Rich       *rich,
            const char *html)
{
  static const struct { const char *tag; const char *feature; } tags[] = {
    { "strong", "bold" }, { "b", "bold" }, { "em", "italic" }, { "i", "italic" },
    { "del", "strikethrough" }, { "s", "strikethrough" }, { "strike", "strikethrough" },
    { "u", "underline" }, { "ins", "underline" }, { "mark", "highlight" },
  };
  const char *p = html;
  gboolean closing = FALSE;
  char name[8];
  guint n = 0;

  if (html == NULL || *p++ != '<')
    return;
  if (*p == '/')
    {
      closing = TRUE;
      p++;
    }
  while (g_ascii_isalpha (*p) && n < sizeof name - 1)
    name[n++] = g_ascii_tolower (*p++);
  name[n] = 0;
  if (g_ascii_isalnum (*p))
    return;

  if (strcmp (name, "br") == 0)
    {
      if (!closing)
        rich_append (rich, "\n", 1);
      return;
    }
  if (strcmp (name, "span") == 0)
    {
      if (closing)
        rich_pop (rich, NULL, "span");
      else
        rich_push (rich, span_feature (html), NULL, "span");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (strcmp (name, tags[i].tag) == 0)
      {
        if (closing)
          rich_pop (rich, NULL, tags[i].feature);
        else
          rich_push (rich, make_feature (tags[i].feature, NULL, NULL), NULL, tags[i].feature);
        return;
      }
}

static void
collect_inlines (Rich       *rich,
                 cmark_node *parent)
{
  cmark_iter *iter = cmark_iter_new (parent);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);
      gboolean strike = g_strcmp0 (cmark_node_get_type_string (node), "strikethrough") == 0;

      if (node == parent)
        continue;

      if (event == CMARK_EVENT_EXIT)
        {
          if (type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK || strike)
            rich_pop (rich, node, NULL);
          continue;
        }

      if (strike)
        {
          rich_push (rich, make_feature ("strikethrough", NULL, NULL), node, NULL);
          continue;
        }

      switch ((int)type)
        {
        case CMARK_NODE_TEXT:
          rich_append (rich, cmark_node_get_literal (node), -1);
          break;
        case CMARK_NODE_SOFTBREAK:
          rich_append (rich, " ", 1);
          break;
        case CMARK_NODE_LINEBREAK:
          rich_append (rich, "\n", 1);
          break;
        case CMARK_NODE_CODE:
          rich_push (rich, make_feature ("code", NULL, NULL), node, NULL);
          rich_append (rich, cmark_node_get_literal (node), -1);
          rich_pop (rich, node, NULL);
          break;
        case CMARK_NODE_EMPH:
          rich_push (rich, make_feature ("italic", NULL, NULL), node, NULL);
          break;
        case CMARK_NODE_STRONG:
          rich_push (rich, make_feature ("bold", NULL, NULL), node, NULL);
          break;
        case CMARK_NODE_LINK:
          rich_push (rich, link_feature (cmark_node_get_url (node)), node, NULL);
          break;
        case CMARK_NODE_HTML_INLINE:
          handle_tag (rich, cmark_node_get_literal (node));
          break;
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          {
            g_autofree char *label = g_strdup_printf ("[%s]", cmark_node_get_literal (node));

            rich_append (rich, label, -1);
          }
          break;
        default:
          /* Images give their alt text (their children). */
          break;
        }
    }

  cmark_iter_free (iter);
}

static JsonObject *
rich_block (const char *type,
            Rich       *rich)
{
  JsonObject *block = json_object_new ();

  json_object_set_string_member (block, "$type", type);
  json_object_set_string_member (block, "plaintext", rich->text->str);
  json_object_set_array_member (block, "facets",
                                facets_from_marks (rich->text->str, rich->text->len, rich->marks));
  return block;
}

static JsonObject *
inline_block (const char *type,
              cmark_node *node)
{
  Rich rich;
  JsonObject *block;

  rich_init (&rich);
  collect_inlines (&rich, node);
  block = rich_block (type, &rich);
  rich_clear (&rich);

  return block;
}

/* Blocks */

typedef struct
{
  const char *markdown;
  gsize       length;
  GArray     *lines;     /* offset of each line's start */
  JsonArray  *pages;
  JsonArray  *blocks;    /* of the page blocks go to, NULL for a new one */
  guint       footnotes;
  BylineLeafletImageFunc image_func;
  gpointer    image_data;
} Export;

static void
add_item (Export   *ex,
          JsonNode *item)
{
  if (ex->blocks == NULL)
    {
      JsonObject *page = json_object_new ();

      json_object_set_string_member (page, "$type", LEAFLET_LINEAR_TYPE);
      json_object_set_array_member (page, "blocks", json_array_new ());
      ex->blocks = json_object_get_array_member (page, "blocks");
      json_array_add_object_element (ex->pages, page);
    }
  json_array_add_element (ex->blocks, item);
}

static void
add_block (Export     *ex,
           JsonObject *block)
{
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "$type", LEAFLET_BLOCK_ITEM_TYPE);
  json_object_set_object_member (item, "block", block);
  add_item (ex, take_object (item));
}

static void
add_page (Export     *ex,
          JsonObject *page)
{
  JsonNode *blocks = json_object_get_member (page, "blocks");

  json_array_add_object_element (ex->pages, json_object_ref (page));
  /* A linearDocument marker has `blocks: []`: the blocks after it are its own. */
  if (g_strcmp0 (byline_json_object_get_string (page, "$type"), LEAFLET_LINEAR_TYPE) == 0 &&
      blocks != NULL && JSON_NODE_HOLDS_ARRAY (blocks) && json_array_get_length (json_node_get_array (blocks)) == 0)
    ex->blocks = json_node_get_array (blocks);
  else
    ex->blocks = NULL;
}

static JsonNode *
parse_json (const char *json,
            gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL ? json_node_copy (root) : NULL;
}

static char *
node_source (Export     *ex,
             cmark_node *node)
{
  int first = cmark_node_get_start_line (node);
  int last = cmark_node_get_end_line (node);
  gsize start, end;

  if (first < 1 || last < first || (guint)first > ex->lines->len)
    return g_strdup ("");
  start = g_array_index (ex->lines, gsize, first - 1);
  end = (guint)last < ex->lines->len ? g_array_index (ex->lines, gsize, last) : ex->length;

  return g_strndup (ex->markdown + start, end - start);
}

static void convert_block (Export *ex, cmark_node *node);
static JsonObject *convert_list (Export *ex, cmark_node *list);

static void
convert_paragraph (Export     *ex,
                   cmark_node *node)
{
  JsonObject *text;
  JsonArray *facets;
  const char *plaintext;

  if (cmark_node_get_type (cmark_node_parent (node)) == CMARK_NODE_DOCUMENT)
    {
      g_autofree char *source = node_source (ex, node);
      char *tex = g_strstrip (source);
      gsize len = strlen (tex);

      if (len >= 4 && g_str_has_prefix (tex, "$$") && g_str_has_suffix (tex, "$$"))
        {
          JsonObject *math = json_object_new ();

          tex[len - 2] = 0;
          tex += 2;
          if (tex[0] == '\n')
            tex++;
          if (tex[0] != 0 && tex[strlen (tex) - 1] == '\n')
            tex[strlen (tex) - 1] = 0;
          json_object_set_string_member (math, "$type", LEAFLET_MATH_TYPE);
          json_object_set_string_member (math, "tex", tex);
          add_block (ex, math);
          return;
        }
    }

  /* An image alone in its paragraph is an image block, when its file is found. */
  if (ex->image_func != NULL && cmark_node_first_child (node) != NULL &&
      cmark_node_next (cmark_node_first_child (node)) == NULL &&
      cmark_node_get_type (cmark_node_first_child (node)) == CMARK_NODE_IMAGE)
    {
      cmark_node *image = cmark_node_first_child (node);
      JsonObject *found = ex->image_func (cmark_node_get_url (image), ex->image_data);

      if (found != NULL)
        {
          JsonObject *block = json_object_new ();
          Rich alt;

          rich_init (&alt);
          collect_inlines (&alt, image);
          json_object_set_string_member (block, "$type", LEAFLET_IMAGE_TYPE);
          json_object_set_member (block, "image", json_node_copy (json_object_get_member (found, "image")));
          json_object_set_member (block, "aspectRatio", json_node_copy (json_object_get_member (found, "aspectRatio")));
          if (alt.text->len > 0)
            json_object_set_string_member (block, "alt", alt.text->str);
          rich_clear (&alt);
          json_object_unref (found);
          add_block (ex, block);
          return;
        }
    }

  text = inline_block (LEAFLET_TEXT_TYPE, node);
  plaintext = byline_json_object_get_string (text, "plaintext");
  facets = json_object_get_array_member (text, "facets");

  /* A bare link alone in its paragraph is a link card. */
  if (plaintext[0] != 0 && json_array_get_length (facets) == 1)
    {
      JsonObject *facet = json_array_get_object_element (facets, 0);
      JsonObject *index = json_object_get_object_member (facet, "index");
      JsonArray *features = json_object_get_array_member (facet, "features");
      JsonNode *feature = json_array_get_element (features, 0);

      if (json_array_get_length (features) == 1 &&
          json_object_get_int_member (index, "byteStart") == 0 &&
          json_object_get_int_member (index, "byteEnd") == (gint64)strlen (plaintext) &&
          g_strcmp0 (_byline_leaflet_feature_name (feature), "link") == 0 &&
          g_strcmp0 (byline_json_object_get_string (json_node_get_object (feature), "uri"), plaintext) == 0)
        {
          JsonObject *website = json_object_new ();

          json_object_set_string_member (website, "$type", LEAFLET_WEBSITE_TYPE);
          json_object_set_string_member (website, "src", plaintext);
          json_object_unref (text);
          add_block (ex, website);
          return;
        }
    }

  add_block (ex, text);
}

static void
convert_code (Export     *ex,
              cmark_node *node)
{
  const char *info = cmark_node_get_fence_info (node);
  const char *literal = cmark_node_get_literal (node);
  g_autofree char *plaintext = g_strdup (literal ? literal : "");
  g_autofree char *language = NULL;
  gsize len = strlen (plaintext);
  JsonObject *code;

  if (info != NULL && g_str_has_prefix (info, LEAFLET_PLACEHOLDER_INFO) &&
      (info[strlen (LEAFLET_PLACEHOLDER_INFO)] == 0 || g_ascii_isspace (info[strlen (LEAFLET_PLACEHOLDER_INFO)])))
    {
      /* Whatever the page held there, even what is no block at all, goes back. */
      JsonNode *item = parse_json (plaintext, len);

      if (item != NULL)
        {
          add_item (ex, item);
          return;
        }
    }

  if (len > 0 && plaintext[len - 1] == '\n')
    plaintext[len - 1] = 0;

  code = json_object_new ();
  json_object_set_string_member (code, "$type", LEAFLET_CODE_TYPE);
  if (info != NULL && info[0] != 0)
    {
      language = g_strndup (info, strcspn (info, " \t"));
      json_object_set_string_member (code, "language", language);
    }
  json_object_set_string_member (code, "plaintext", plaintext);
  add_block (ex, code);
}

static void
convert_html (Export     *ex,
              cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  g_autofree char *html = g_strdup (literal ? literal : "");
  g_autofree char *trimmed = g_strstrip (g_strdup (html));
  gsize len = strlen (html);

  if (g_ascii_strcasecmp (trimmed, "<br>") == 0 || g_ascii_strcasecmp (trimmed, "<br/>") == 0 ||
      g_ascii_strcasecmp (trimmed, "<br />") == 0)
    {
      JsonObject *text = json_object_new ();

      json_object_set_string_member (text, "$type", LEAFLET_TEXT_TYPE);
      json_object_set_string_member (text, "plaintext", "");
      json_object_set_array_member (text, "facets", json_array_new ());
      add_block (ex, text);
      return;
    }

  if (g_str_has_prefix (trimmed, "<!--") && g_str_has_suffix (trimmed, "-->") &&
      strstr (trimmed, "-->") == trimmed + strlen (trimmed) - 3)
    {
      if (g_str_has_prefix (trimmed, LEAFLET_PAGE_MARKER " "))
        {
          g_autoptr(JsonNode) page = parse_json (trimmed + strlen (LEAFLET_PAGE_MARKER " "),
                                                 strlen (trimmed) - strlen (LEAFLET_PAGE_MARKER " ") - 3);

          if (page != NULL && JSON_NODE_HOLDS_OBJECT (page))
            add_page (ex, json_node_get_object (page));
        }
      /* Other comments are the writer's notes. */
      return;
    }

  if (len > 0 && html[len - 1] == '\n')
    html[len - 1] = 0;

  {
    JsonObject *block = json_object_new ();

    json_object_set_string_member (block, "$type", LEAFLET_HTML_TYPE);
    json_object_set_string_member (block, "html", html);
    add_block (ex, block);
  }
}

static void
collect_block_text (Rich       *rich,
                    cmark_node *node)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
      collect_inlines (rich, node);
      break;
    case CMARK_NODE_CODE_BLOCK:
      {
        const char *literal = cmark_node_get_literal (node);
        gsize len = literal ? strlen (literal) : 0;

        rich_append (rich, literal, len > 0 && literal[len - 1] == '\n' ? len - 1 : len);
      }
      break;
    default:
      for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
        {
          if (child != cmark_node_first_child (node))
            rich_append (rich, "\n", 1);
          collect_block_text (rich, child);
        }
      break;
    }
}

static JsonObject *
convert_item (Export     *ex,
              cmark_node *item,
              gboolean    ordered)
{
  JsonObject *object = json_object_new ();
  JsonObject *nested = NULL;
  const char *type = LEAFLET_TEXT_TYPE;
  int level = 0;
  gboolean started = FALSE;
  JsonObject *content;
  Rich rich;

  rich_init (&rich);
  for (cmark_node *child = cmark_node_first_child (item); child; child = cmark_node_next (child))
    {
      if (cmark_node_get_type (child) == CMARK_NODE_LIST)
        {
          JsonObject *list = convert_list (ex, child);

          if (nested == NULL)
            nested = list;
          else
            {
              JsonArray *to = json_object_get_array_member (nested, "children");
              JsonArray *from = json_object_get_array_member (list, "children");

              for (guint i = 0; i < json_array_get_length (from); i++)
                json_array_add_element (to, json_node_copy (json_array_get_element (from, i)));
              json_object_unref (list);
            }
          continue;
        }

      if (!started && cmark_node_get_type (child) == CMARK_NODE_HEADING)
        {
          type = LEAFLET_HEADER_TYPE;
          level = cmark_node_get_heading_level (child);
        }
      if (started)
        rich_append (&rich, "\n", 1);
      collect_block_text (&rich, child);
      started = TRUE;
    }

  content = rich_block (type, &rich);
  rich_clear (&rich);
  if (level > 0)
    json_object_set_int_member (content, "level", level);
  json_object_set_object_member (object, "content", content);

  if (g_strcmp0 (cmark_node_get_type_string (item), "tasklist") == 0)
    json_object_set_boolean_member (object, "checked",
                                    cmark_gfm_extensions_get_tasklist_item_checked (item));

  if (nested != NULL)
    {
      gboolean nested_ordered = g_strcmp0 (byline_json_object_get_string (nested, "$type"),
                                           LEAFLET_ORDERED_TYPE) == 0;

      if (nested_ordered == ordered)
        {
          json_object_set_member (object, "children",
                                  json_node_copy (json_object_get_member (nested, "children")));
          json_object_unref (nested);
        }
      else
        json_object_set_object_member (object, ordered ? "unorderedListChildren" : "orderedListChildren",
                                       nested);
    }

  return object;
}

static JsonObject *
convert_list (Export     *ex,
              cmark_node *list)
{
  gboolean ordered = cmark_node_get_list_type (list) == CMARK_ORDERED_LIST;
  JsonObject *block = json_object_new ();
  JsonArray *children = json_array_new ();

  json_object_set_string_member (block, "$type", ordered ? LEAFLET_ORDERED_TYPE : LEAFLET_UNORDERED_TYPE);
  if (ordered && cmark_node_get_list_start (list) != 1)
    json_object_set_int_member (block, "startIndex", cmark_node_get_list_start (list));
  for (cmark_node *item = cmark_node_first_child (list); item; item = cmark_node_next (item))
    json_array_add_object_element (children, convert_item (ex, item, ordered));
  json_object_set_array_member (block, "children", children);

  return block;
}

static void
convert_table (Export     *ex,
               cmark_node *table)
{
  for (cmark_node *row = cmark_node_first_child (table); row; row = cmark_node_next (row))
    {
      Rich rich;

      rich_init (&rich);
      for (cmark_node *cell = cmark_node_first_child (row); cell; cell = cmark_node_next (cell))
        {
          if (cell != cmark_node_first_child (row))
            rich_append (&rich, " | ", 3);
          collect_inlines (&rich, cell);
        }
      add_block (ex, rich_block (LEAFLET_TEXT_TYPE, &rich));
      rich_clear (&rich);
    }
}

static void
convert_block (Export     *ex,
               cmark_node *node)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      convert_paragraph (ex, node);
      break;
    case CMARK_NODE_HEADING:
      {
        JsonObject *header = inline_block (LEAFLET_HEADER_TYPE, node);

        json_object_set_int_member (header, "level", cmark_node_get_heading_level (node));
        add_block (ex, header);
      }
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      if (cmark_node_first_child (node) == NULL)
        {
          JsonObject *quote = json_object_new ();

          json_object_set_string_member (quote, "$type", LEAFLET_BLOCKQUOTE_TYPE);
          json_object_set_string_member (quote, "plaintext", "");
          json_object_set_array_member (quote, "facets", json_array_new ());
          add_block (ex, quote);
        }
      for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
        {
          cmark_node_type type = cmark_node_get_type (child);

          if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING)
            add_block (ex, inline_block (LEAFLET_BLOCKQUOTE_TYPE, child));
          else
            convert_block (ex, child);
        }
      break;
    case CMARK_NODE_CODE_BLOCK:
      convert_code (ex, node);
      break;
    case CMARK_NODE_HTML_BLOCK:
      convert_html (ex, node);
      break;
    case CMARK_NODE_LIST:
      add_block (ex, convert_list (ex, node));
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      {
        JsonObject *rule = json_object_new ();

        json_object_set_string_member (rule, "$type", LEAFLET_RULE_TYPE);
        add_block (ex, rule);
      }
      break;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      {
        Rich rich;
        g_autofree char *label = g_strdup_printf ("[%u] ", ++ex->footnotes);

        /* cmark-gfm puts the notes at the end, numbered as their references are. */
        rich_init (&rich);
        rich_append (&rich, label, -1);
        collect_block_text (&rich, node);
        add_block (ex, rich_block (LEAFLET_TEXT_TYPE, &rich));
        rich_clear (&rich);
      }
      break;
    default:
      if (g_strcmp0 (cmark_node_get_type_string (node), "table") == 0)
        convert_table (ex, node);
      break;
    }
}

static const char *extension_names[] = {
  "table", "strikethrough", "autolink", "tasklist",
};

/* Where an unchanged block was: the original's own spelling goes back. */
static void
reuse_original (JsonArray  *pages,
                JsonObject *original)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) canonical = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_autofree gboolean *used = NULL;
  JsonNode *pages_node = json_object_get_member (original, "pages");
  guint cursor = 0;

  if (pages_node == NULL || !JSON_NODE_HOLDS_ARRAY (pages_node))
    return;

  for (guint p = 0; p < json_array_get_length (json_node_get_array (pages_node)); p++)
    {
      JsonNode *page = json_array_get_element (json_node_get_array (pages_node), p);
      JsonNode *blocks;

      if (!JSON_NODE_HOLDS_OBJECT (page))
        continue;
      blocks = json_object_get_member (json_node_get_object (page), "blocks");
      if (blocks == NULL || !JSON_NODE_HOLDS_ARRAY (blocks))
        continue;
      for (guint b = 0; b < json_array_get_length (json_node_get_array (blocks)); b++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (blocks), b);

          g_ptr_array_add (items, item);
          g_ptr_array_add (canonical, _byline_leaflet_canonical_item (item));
        }
    }
  used = g_new0 (gboolean, items->len + 1);

  for (guint p = 0; p < json_array_get_length (pages); p++)
    {
      JsonObject *page = json_array_get_object_element (pages, p);
      JsonArray *blocks, *reused;

      if (!json_object_has_member (page, "blocks") ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (page, "blocks")))
        continue;
      blocks = json_object_get_array_member (page, "blocks");
      reused = json_array_new ();
      for (guint b = 0; b < json_array_get_length (blocks); b++)
        {
          JsonNode *item = json_array_get_element (blocks, b);
          JsonNode *found = NULL;

          for (guint k = 0; k < items->len && found == NULL; k++)
            {
              guint j = (cursor + k) % items->len;

              if (!used[j] && json_node_equal (g_ptr_array_index (canonical, j), item))
                {
                  found = g_ptr_array_index (items, j);
                  used[j] = TRUE;
                  cursor = j + 1;
                }
            }
          json_array_add_element (reused, _byline_leaflet_deep_copy (found ? found : item));
        }
      json_object_set_array_member (page, "blocks", reused);
    }
}

/**
 * byline_leaflet_from_markdown:
 * @markdown: GitHub-flavoured Markdown, without front matter
 * @length: the length of @markdown in bytes
 * @original: (nullable): the `pub.leaflet.content` the article was imported from
 *
 * Converts the body to Leaflet blocks. A block that shows the same as one of
 * @original's is written as @original has it, so an unedited article gives back
 * the content it came from.
 *
 * Returns: (transfer full): a `pub.leaflet.content` object
 */
JsonObject *
byline_leaflet_from_markdown (const char *markdown,
                              gsize       length,
                              JsonObject *original)
{
  return byline_leaflet_from_markdown_full (markdown, length, original, NULL, NULL);
}

/**
 * byline_leaflet_from_markdown_full:
 * @markdown: GitHub-flavoured Markdown, without front matter
 * @length: the length of @markdown in bytes
 * @original: (nullable): the `pub.leaflet.content` the article was imported from
 * @image_func: (nullable): finds the blob of an image alone in its paragraph
 * @user_data: the data for @image_func
 *
 * byline_leaflet_from_markdown(), with images as image blocks.
 *
 * Returns: (transfer full): a `pub.leaflet.content` object
 */
JsonObject *
byline_leaflet_from_markdown_full (const char             *markdown,
                                   gsize                   length,
                                   JsonObject             *original,
                                   BylineLeafletImageFunc  image_func,
                                   gpointer                user_data)
{
  JsonObject *content = json_object_new ();
  Export ex = { markdown, length, NULL, json_array_new (), NULL, 0, image_func, user_data };
  cmark_parser *parser;
  cmark_node *document;
  gsize zero = 0;

  g_return_val_if_fail (markdown != NULL || length == 0, NULL);

  ex.lines = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (ex.lines, zero);
  for (gsize i = 0; i < length; i++)
    if (markdown[i] == '\n')
      {
        gsize next = i + 1;

        g_array_append_val (ex.lines, next);
      }

  cmark_gfm_core_extensions_ensure_registered ();
  _byline_renderer_lock_parsing ();
  parser = cmark_parser_new (CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_VALIDATE_UTF8);
  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      cmark_syntax_extension *ext = cmark_find_syntax_extension (extension_names[i]);

      if (ext != NULL)
        cmark_parser_attach_syntax_extension (parser, ext);
    }
  cmark_parser_feed (parser, markdown, length);
  document = cmark_parser_finish (parser);

  for (cmark_node *node = cmark_node_first_child (document); node; node = cmark_node_next (node))
    convert_block (&ex, node);

  cmark_node_free (document);
  cmark_parser_free (parser);
  _byline_renderer_unlock_parsing ();

  if (json_array_get_length (ex.pages) == 0)
    {
      JsonObject *page = json_object_new ();

      json_object_set_string_member (page, "$type", LEAFLET_LINEAR_TYPE);
      json_object_set_array_member (page, "blocks", json_array_new ());
      json_array_add_object_element (ex.pages, page);
    }

  if (original != NULL)
    reuse_original (ex.pages, original);

  g_array_unref (ex.lines);
  json_object_set_string_member (content, "$type", BYLINE_LEAFLET_CONTENT_TYPE);
  json_object_set_array_member (content, "pages", ex.pages);

  return content;
}
