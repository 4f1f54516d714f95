/* byline-html-export.c
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

#define G_LOG_DOMAIN "byline-html-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include "byline-core-resources.h"
#include "byline-html-export.h"
#include "byline-read-problem.h"
#include "byline-review.h"

/*
 * A standalone HTML page of the article with the preview's look: the preview's style sheet is
 * inlined, local images become data: URIs so the page is one file, and the head carries the
 * title, description and Open Graph tags plus the site.standard.document link once the
 * article has been published.
 *
 * The page is meant to be put online and opened by anyone, so raw HTML from the Markdown is
 * made harmless in the page itself, not only by its Content-Security-Policy (which stays, as a
 * second wall): the body goes through libxml2's HTML parser, and what could run a script, load
 * or send something, or take the reader elsewhere is removed from the tree before it is
 * written out again.
 */

#define PREVIEW_CSS_PATH "/io/github/byline/Byline/core/byline-preview.css"

/* The preview pads the bottom so the last line can scroll to the middle; a page does not. */
#define EXPORT_CSS                                                   \
  "body { padding-bottom: 40px; }\n"                                 \
  "@media print {\n"                                                 \
  "  body { padding: 0; }\n"                                         \
  "  #byline-article { max-width: none; }\n"                         \
  "  pre, blockquote, table, img, figure { break-inside: avoid; }\n" \
  "  h1, h2, h3, h4, h5, h6 { break-after: avoid; }\n"               \
  "}\n"

#define CSP "default-src 'none'; img-src data: http: https:; media-src data: http: https:; " \
            "style-src 'unsafe-inline'; font-src data:"

/* Like g_markup_escape_text(), but with the entity for ' that every HTML version knows. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static void
append_meta (GString    *out,
             const char *attribute,
             const char *name,
             const char *content)
{
  if (content == NULL || *content == '\0')
    return;

  g_string_append_printf (out, "<meta %s=\"%s\" content=\"", attribute, name);
  append_escaped (out, content);
  g_string_append (out, "\">\n");
}

static gboolean
is_remote_uri (const char *uri)
{
  return g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://");
}

static GFile *
resolve_image (const char *src,
               GFile      *base_dir)
{
  g_autofree char *scheme = g_uri_parse_scheme (src);
  g_autofree char *path = NULL;

  if (scheme != NULL)
    return g_ascii_strcasecmp (scheme, "file") == 0 ? g_file_new_for_uri (src) : NULL;

  if (!(path = g_uri_unescape_string (src, NULL)))
    return NULL;

  if (g_path_is_absolute (path))
    return g_file_new_for_path (path);

  return base_dir != NULL ? g_file_resolve_relative_path (base_dir, path) : NULL;
}

static char *
image_to_data_uri (GFile   *file,
                   GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *base64 = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  /* The bytes must say image, not only the name: a page must never carry some other file
   * that happens to be called .png. */
  content_type = g_content_type_guess (NULL, (const guchar *) contents, length, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/"))
    {
      g_autofree char *by_name = g_content_type_guess (basename, (const guchar *) contents,
                                                       length, NULL);

      /* SVG is XML; its name decides once the bytes are XML. */
      g_clear_pointer (&mime_type, g_free);
      if (g_content_type_is_a (content_type, "application/xml") &&
          g_content_type_is_mime_type (by_name, "image/svg+xml"))
        mime_type = g_strdup ("image/svg+xml");
      else
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not an image");
          return NULL;
        }
    }

  base64 = g_base64_encode ((const guchar *) contents, length);

  return g_strdup_printf ("data:%s;base64,%s", mime_type, base64);
}

/* Elements dropped with everything in them: scripts, what loads or embeds other documents,
 * what changes the page's address, base or styles from outside, and SVG animations, which can
 * set an attribute (an href) to anything. */
static const char * const dropped_elements[] = {
  "script", "meta", "base", "link", "iframe", "frame", "frameset", "object", "embed",
  "applet", "param", "portal", "animate", "animatemotion", "animatetransform", "set",
  "handler", "listener",
};

/* Elements taken out but whose content stays: a form's fields cannot be sent without it. */
static const char * const unwrapped_elements[] = {
  "form",
};

/* Attributes that hold a URL. */
static const char * const url_attributes[] = {
  "href", "src", "srcset", "action", "formaction", "background", "poster", "cite", "data",
  "lowsrc", "dynsrc", "longdesc", "usemap", "ping", "codebase", "archive", "classid",
  "profile", "manifest", "icon", "xlink:href", "imagesrcset",
};

static gboolean
name_in (const xmlChar      *name,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp ((const char *) name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Styles that fetch something (url(), image-set(), @import) or run something (old IE's
 * expression() and behavior, Firefox's -moz-binding); a backslash could spell any of those
 * as a CSS escape, so it counts too. */
static gboolean
style_is_unsafe (const char *style)
{
  static const char * const unsafe[] = {
    "url(", "image-set(", "image(", "@import", "expression", "behavior", "binding", "\\",
  };
  g_autoptr(GString) squeezed = g_string_new (NULL);

  for (const char *p = style; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed, g_ascii_tolower (*p));

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    if (strstr (squeezed->str, unsafe[i]) != NULL)
      return TRUE;

  /* CSS comments can split a word: look again without them. */
  if (strstr (squeezed->str, "/*") != NULL)
    return TRUE;

  return FALSE;
}

/* The scheme a browser would see: it ignores spaces and control characters around and inside
 * a URL's scheme, so "java\tscript:" is still javascript:. */
static char *
url_scheme (const char *url)
{
  g_autoptr(GString) scheme = g_string_new (NULL);

  for (const char *p = url; *p != '\0'; p++)
    {
      if ((guchar) *p <= ' ')
        continue;
      if (*p == ':')
        return g_ascii_strdown (scheme->str, -1);
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
        return NULL;
      g_string_append_c (scheme, *p);
    }

  return NULL;
}

/* Whether @value, in attribute @name of element @element, is a URL a page may keep: no
 * script (javascript:, vbscript:), and data: only for an image shown as one. */
static gboolean
url_is_safe (const char *element,
             const char *name,
             const char *value)
{
  g_autofree char *scheme = NULL;

  /* A srcset lists several; any bad one spoils it. */
  if (g_ascii_strcasecmp (name, "srcset") == 0 || g_ascii_strcasecmp (name, "imagesrcset") == 0)
    {
      g_auto(GStrv) candidates = g_strsplit (value, ",", -1);

      for (guint i = 0; candidates[i] != NULL; i++)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (candidates[i]));
          g_autofree char *candidate_scheme = url_scheme (stripped);

          /* "data:image/png;base64,..." is cut at its comma: the part after it has no scheme. */
          if (candidate_scheme != NULL &&
              !g_str_equal (candidate_scheme, "http") &&
              !g_str_equal (candidate_scheme, "https") &&
              !g_str_equal (candidate_scheme, "file") &&
              !(g_str_equal (candidate_scheme, "data") &&
                g_ascii_strncasecmp (stripped, "data:image/", strlen ("data:image/")) == 0))
            return FALSE;
        }
      return TRUE;
    }

  if ((scheme = url_scheme (value)) == NULL)
    return TRUE;

  if (g_str_equal (scheme, "data"))
    {
      static const char * const image_attributes[] = { "src", "poster" };
      static const char * const image_elements[] = { "img", "video", "source", "picture" };
      const char *colon = strchr (value, ':');

      while (colon != NULL && (guchar) colon[1] <= ' ' && colon[1] != '\0')
        colon++;

      return name_in ((const xmlChar *) name, image_attributes, G_N_ELEMENTS (image_attributes)) &&
             name_in ((const xmlChar *) element, image_elements, G_N_ELEMENTS (image_elements)) &&
             colon != NULL && g_ascii_strncasecmp (colon + 1, "image/", strlen ("image/")) == 0;
    }

  return !g_str_equal (scheme, "javascript") && !g_str_equal (scheme, "vbscript") &&
         !g_str_equal (scheme, "livescript") && !g_str_equal (scheme, "mocha");
}

static void
sanitize_attributes (xmlNode   *element,
                     GFile     *base_dir,
                     GPtrArray *unembedded)
{
  const char *element_name = (const char *) element->name;
  xmlAttr *attribute = element->properties;

  while (attribute != NULL)
    {
      xmlAttr *next = attribute->next;
      const char *name = (const char *) attribute->name;
      g_autofree char *full_name = NULL;
      xmlChar *value = xmlNodeGetContent ((xmlNode *) attribute);
      gboolean drop = FALSE;

      if (attribute->ns != NULL && attribute->ns->prefix != NULL)
        full_name = g_strconcat ((const char *) attribute->ns->prefix, ":", name, NULL);
      else
        full_name = g_strdup (name);

      if (g_ascii_strncasecmp (name, "on", 2) == 0)
        drop = TRUE;
      else if (g_ascii_strcasecmp (name, "srcdoc") == 0 ||
               g_ascii_strcasecmp (name, "http-equiv") == 0)
        drop = TRUE;
      else if (g_ascii_strcasecmp (name, "style") == 0)
        drop = value != NULL && style_is_unsafe ((const char *) value);
      else if (name_in ((const xmlChar *) full_name, url_attributes,
                        G_N_ELEMENTS (url_attributes)) ||
               g_ascii_strcasecmp (name, "href") == 0)
        drop = value != NULL && !url_is_safe (element_name, full_name, (const char *) value);

      if (drop)
        xmlRemoveProp (attribute);

      xmlFree (value);
      attribute = next;
    }

  /* A readable local image travels inside the page; one that cannot be read is named, with
   * the reason, in @unembedded. */
  if (g_ascii_strcasecmp (element_name, "img") == 0)
    {
      xmlChar *src = xmlGetProp (element, (const xmlChar *) "src");
      g_autoptr(GFile) file = NULL;
      g_autofree char *data_uri = NULL;
      g_autoptr(GError) error = NULL;

      if (src != NULL && !is_remote_uri ((const char *) src) &&
          (file = resolve_image ((const char *) src, base_dir)) != NULL)
        {
          if ((data_uri = image_to_data_uri (file, &error)) != NULL)
            xmlSetProp (element, (const xmlChar *) "src", (const xmlChar *) data_uri);
          else if (unembedded != NULL)
            {
              g_autofree char *name = g_uri_unescape_string ((const char *) src, NULL);

              g_ptr_array_add (unembedded,
                               byline_read_problem_describe (name ? name : (const char *) src,
                                                             error));
            }
        }
      xmlFree (src);
    }
}

static void
sanitize_children (xmlNode   *parent,
                   GFile     *base_dir,
                   GPtrArray *unembedded)
{
  xmlNode *node = parent->children;

  while (node != NULL)
    {
      xmlNode *next = node->next;

      switch ((int) node->type)
        {
        case XML_ELEMENT_NODE:
          if (name_in (node->name, dropped_elements, G_N_ELEMENTS (dropped_elements)) ||
              (g_ascii_strcasecmp ((const char *) node->name, "style") == 0 &&
               node->children != NULL && node->children->content != NULL &&
               style_is_unsafe ((const char *) node->children->content)))
            {
              xmlUnlinkNode (node);
              xmlFreeNode (node);
              break;
            }

          sanitize_attributes (node, base_dir, unembedded);
          sanitize_children (node, base_dir, unembedded);

          if (name_in (node->name, unwrapped_elements, G_N_ELEMENTS (unwrapped_elements)))
            {
              /* Its children move up in its place, and are not visited again. */
              while (node->children != NULL)
                {
                  xmlNode *child = node->children;

                  xmlUnlinkNode (child);
                  xmlAddPrevSibling (node, child);
                }
              xmlUnlinkNode (node);
              xmlFreeNode (node);
            }
          break;

        case XML_COMMENT_NODE:
        case XML_PI_NODE:
          /* Comments can hold conditional comments for old browsers; nothing of them is read. */
          xmlUnlinkNode (node);
          xmlFreeNode (node);
          break;

        default:
          break;
        }

      node = next;
    }
}

static xmlNode *
find_element (xmlNode    *node,
              const char *name)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type == XML_ELEMENT_NODE &&
          g_ascii_strcasecmp ((const char *) node->name, name) == 0)
        return node;
      if ((found = find_element (node->children, name)) != NULL)
        return found;
    }

  return NULL;
}

/* Parses the article's HTML as a browser would (roughly: libxml2 knows HTML 4's rules), takes
 * out everything that could act (see dropped_elements and sanitize_attributes), embeds local
 * images, and writes the body out again. */
static char *
sanitize_body (const char *html,
               GFile      *base_dir,
               GPtrArray  *unembedded)
{
  g_autofree char *page = g_strconcat ("<!DOCTYPE html><html><head>"
                                       "<meta charset=\"utf-8\"></head><body>",
                                       html, "</body></html>", NULL);
  htmlDocPtr doc;
  xmlNode *body;
  xmlOutputBuffer *buffer;
  g_autoptr(GString) out = g_string_new (NULL);

  doc = htmlReadMemory (page, strlen (page), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc == NULL)
    return g_strdup ("");

  if ((body = find_element (xmlDocGetRootElement (doc), "body")) == NULL)
    {
      xmlFreeDoc (doc);
      return g_strdup ("");
    }

  sanitize_children (body, base_dir, unembedded);

  buffer = xmlAllocOutputBuffer (NULL);
  for (xmlNode *child = body->children; child != NULL; child = child->next)
    htmlNodeDumpFormatOutput (buffer, doc, child, "UTF-8", 0);
  xmlOutputBufferFlush (buffer);
  g_string_append_len (out, (const char *) xmlOutputBufferGetContent (buffer),
                       xmlOutputBufferGetSize (buffer));
  xmlOutputBufferClose (buffer);
  xmlFreeDoc (doc);

  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * byline_html_export_get_css:
 *
 * The preview's style sheet as the exported page uses it: light by default, dark when the
 * reader's system prefers it on screen, light on paper, without the preview's scroll padding.
 *
 * Returns: (transfer full): CSS
 */
char *
byline_html_export_get_css (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) css = NULL;
  const char *dark;
  const char *dark_end;

  bytes = g_resource_lookup_data (byline_core_get_resource (), PREVIEW_CSS_PATH, 0, NULL);
  g_assert (bytes != NULL);

  css = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* The preview switches theme with a class on the root; a page follows the reader's system. */
  if ((dark = strstr (css->str, ":root.dark")) != NULL &&
      (dark = strchr (dark, '{')) != NULL &&
      (dark_end = strchr (dark, '}')) != NULL)
    {
      /* A copy: appending to @css may move the text @dark points into. */
      g_autofree char *dark_block = g_strndup (dark, dark_end - dark + 1);

      g_string_append (css, "\n@media screen and (prefers-color-scheme: dark) {\n  :root ");
      g_string_append (css, dark_block);
      g_string_append (css, "\n}\n");
    }

  g_string_append (css, EXPORT_CSS);

  return g_string_free (g_steal_pointer (&css), FALSE);
}

static void
append_head (GString        *out,
             BylineMetadata *metadata)
{
  const char *title = metadata ? byline_metadata_get_title (metadata) : NULL;
  const char *description = metadata ? byline_metadata_get_description (metadata) : NULL;
  const char *site = metadata ? byline_metadata_get_site (metadata) : NULL;
  const char *path = metadata ? byline_metadata_get_path (metadata) : NULL;
  const char *cover = metadata ? byline_metadata_get_cover_image (metadata) : NULL;
  const char *published_at = metadata ? byline_metadata_get_published_at (metadata) : NULL;
  const char *record_uri = metadata ? byline_metadata_get_record_uri (metadata) : NULL;
  const char * const *tags = metadata ? byline_metadata_get_tags (metadata) : NULL;
  g_autofree char *css = byline_html_export_get_css ();

  if (title == NULL || *title == '\0')
    title = _("Untitled Article");

  g_string_append (out, "<meta charset=\"utf-8\">\n");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  append_meta (out, "http-equiv", "Content-Security-Policy", CSP);
  append_meta (out, "name", "generator", PACKAGE_NAME " " PACKAGE_VERSION);
  g_string_append (out, "<title>");
  append_escaped (out, title);
  g_string_append (out, "</title>\n");
  append_meta (out, "name", "description", description);

  append_meta (out, "property", "og:type", "article");
  append_meta (out, "property", "og:title", title);
  append_meta (out, "property", "og:description", description);
  if (site != NULL && is_remote_uri (site))
    {
      g_autofree char *trimmed = g_strdup (site);
      g_autofree char *url = NULL;

      while (g_str_has_suffix (trimmed, "/"))
        trimmed[strlen (trimmed) - 1] = '\0';
      url = g_strconcat (trimmed, path && *path == '/' ? "" : "/", path ? path : "", NULL);
      append_meta (out, "property", "og:url", url);
    }
  if (cover != NULL && is_remote_uri (cover))
    append_meta (out, "property", "og:image", cover);
  append_meta (out, "property", "article:published_time", published_at);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    append_meta (out, "property", "article:tag", tags[i]);

  if (record_uri != NULL && g_str_has_prefix (record_uri, "at://"))
    {
      g_string_append (out, "<link rel=\"site.standard.document\" href=\"");
      append_escaped (out, record_uri);
      g_string_append (out, "\">\n");
    }

  g_string_append (out, "<style>\n");
  g_string_append (out, css);
  g_string_append (out, "</style>\n");
}

static char *build_page (BylineRenderResult  *result,
                         GFile               *base_dir,
                         const char          *theme,
                         JsonObject          *basic_theme,
                         GPtrArray          **unembedded,
                         GError             **error);

/**
 * byline_html_export_render_result:
 * @result: a render of the article
 * @base_dir: (nullable): the article's folder, against which relative image paths resolve
 * @error: return location for a #GError
 *
 * Builds the standalone page from a render.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 */
char *
byline_html_export_render_result (BylineRenderResult  *result,
                                  GFile               *base_dir,
                                  GError             **error)
{
  return build_page (result, base_dir, NULL, NULL, NULL, error);
}

/**
 * byline_html_export_is_theme:
 * @theme: (nullable): a name
 *
 * Returns: whether @theme names a built-in theme other than the default (which has no class)
 */
gboolean
byline_html_export_is_theme (const char *theme)
{
  return g_strcmp0 (theme, "longread") == 0 || g_strcmp0 (theme, "newsletter") == 0 ||
         g_strcmp0 (theme, "publication") == 0;
}

typedef struct
{
  double r, g, b;
} Rgb;

/* A site.standard.theme.color#rgb: integers from 0 to 255. */
static gboolean
read_color (JsonObject *theme,
            const char *name,
            Rgb        *color)
{
  JsonObject *object;
  double *channels[] = { &color->r, &color->g, &color->b };
  const char *keys[] = { "r", "g", "b" };

  if (!json_object_has_member (theme, name) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (theme, name)))
    return FALSE;
  object = json_object_get_object_member (theme, name);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      JsonNode *node = json_object_get_member (object, keys[i]);
      gint64 value;

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_INT64)
        return FALSE;
      value = json_node_get_int (node);
      if (value < 0 || value > 255)
        return FALSE;
      *channels[i] = value;
    }

  return TRUE;
}

static void
append_color (GString    *out,
              const char *property,
              Rgb         a,
              Rgb         b,
              double      t)
{
  g_string_append_printf (out, "  %s: #%02x%02x%02x;\n", property,
                          (guint)(a.r + (b.r - a.r) * t + 0.5),
                          (guint)(a.g + (b.g - a.g) * t + 0.5),
                          (guint)(a.b + (b.b - a.b) * t + 0.5));
}

/**
 * byline_html_export_publication_css:
 * @basic_theme: (nullable): a publication's `basicTheme` (`site.standard.theme.basic`)
 *
 * The publication's colours as the "publication" theme: its background, text and accent, the
 * accent's text on tags, and the shades between them for rules, quotes and code, in light and
 * dark alike (the publication chose them).
 *
 * Returns: (transfer full) (nullable): the CSS, or %NULL when @basic_theme lacks one of its
 *   four colours or holds one out of range
 */
char *
byline_html_export_publication_css (JsonObject *basic_theme)
{
  g_autoptr(GString) out = NULL;
  Rgb bg, fg, accent, accent_fg;
  double luminance;

  if (basic_theme == NULL ||
      !read_color (basic_theme, "background", &bg) ||
      !read_color (basic_theme, "foreground", &fg) ||
      !read_color (basic_theme, "accent", &accent) ||
      !read_color (basic_theme, "accentForeground", &accent_fg))
    return NULL;

  luminance = (0.2126 * bg.r + 0.7152 * bg.g + 0.0722 * bg.b) / 255;

  out = g_string_new (":root.theme-publication,\n:root.theme-publication.dark {\n");
  append_color (out, "--bg", bg, bg, 0);
  append_color (out, "--fg", fg, fg, 0);
  append_color (out, "--accent", accent, accent, 0);
  append_color (out, "--muted", bg, fg, 0.7);
  append_color (out, "--rule", bg, fg, 0.15);
  append_color (out, "--code-bg", bg, fg, 0.06);
  append_color (out, "--quote", bg, fg, 0.45);
  append_color (out, "--tag-bg", accent, accent, 0);
  append_color (out, "--tag-fg", accent_fg, accent_fg, 0);
  g_string_append_printf (out, "  color-scheme: %s;\n}\n", luminance < 0.5 ? "dark" : "light");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define MAX_STYLESHEET_BYTES (256 * 1024)

/**
 * byline_html_export_read_stylesheet:
 * @metadata: (nullable): the article's metadata
 * @base_dir: (nullable): the article's folder
 * @error: return location for a #GError
 *
 * The article's own style sheet, named by `stylesheet:` in its front matter: a `.css` file in
 * the article's folder or below it (no absolute path, no `..`), of at most 256 KB. It styles
 * the preview after the theme, and goes into exported pages.
 *
 * Returns: (transfer full) (nullable): the CSS, or %NULL with @error set when the article
 *   names a style sheet that cannot be used, or without when it names none
 */
char *
byline_html_export_read_stylesheet (BylineMetadata  *metadata,
                                    GFile           *base_dir,
                                    GError         **error)
{
  const char *name = metadata ? byline_metadata_get_extra_string (metadata, "stylesheet") : NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *css = NULL;
  g_auto(GStrv) parts = NULL;
  gsize length = 0;

  if (name == NULL || *name == '\0')
    return NULL;

  parts = g_strsplit (name, "/", -1);
  if (base_dir == NULL || g_path_is_absolute (name) || !g_str_has_suffix (name, ".css") ||
      g_strv_contains ((const char * const *)parts, "..") || strchr (name, '\\') != NULL ||
      g_uri_peek_scheme (name) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("The style sheet “%s” must be a .css file in the article’s folder"), name);
      return NULL;
    }

  file = g_file_resolve_relative_path (base_dir, name);
  if (!g_file_load_contents (file, NULL, &css, &length, NULL, error))
    return NULL;

  if (length > MAX_STYLESHEET_BYTES || !g_utf8_validate_len (css, length, NULL) ||
      g_strstr_len (css, length, "</") != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The style sheet “%s” is not a text style sheet of at most 256 KB"), name);
      return NULL;
    }

  return g_steal_pointer (&css);
}

/* The article's own theme (`theme:` in its front matter) comes before the one asked for. */
static gboolean
is_theme_class (const char *theme)
{
  return byline_html_export_is_theme (theme);
}

static char *
build_page (BylineRenderResult  *result,
            GFile               *base_dir,
            const char          *theme,
            JsonObject          *basic_theme,
            GPtrArray          **unembedded,
            GError             **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new ("<!DOCTYPE html>\n");
  g_autofree char *body = NULL;
  g_autofree char *embedded = NULL;
  const GError *render_error;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (base_dir == NULL || G_IS_FILE (base_dir), NULL);

  {
    BylineMetadata *metadata = byline_render_result_get_metadata (result);
    const char *own = metadata ? byline_metadata_get_extra_string (metadata, "theme") : NULL;

    if (own != NULL && (is_theme_class (own) || g_strcmp0 (own, "default") == 0))
      theme = own;
  }

  if (is_theme_class (theme))
    g_string_append_printf (out, "<html class=\"theme-%s\">\n<head>\n", theme);
  else
    g_string_append (out, "<html>\n<head>\n");

  if ((render_error = byline_render_result_get_error (result)) != NULL)
    {
      g_set_error_literal (error, render_error->domain, render_error->code, render_error->message);
      return NULL;
    }

  append_head (out, byline_render_result_get_metadata (result));

  /* The publication's colours, after the built-in themes. */
  if (g_strcmp0 (theme, "publication") == 0)
    {
      g_autofree char *colors = byline_html_export_publication_css (basic_theme);

      if (colors != NULL)
        {
          g_string_append (out, "<style>\n");
          g_string_append (out, colors);
          g_string_append (out, "</style>\n");
        }
    }

  /* The article's own style sheet, after the page's. */
  {
    g_autofree char *own = byline_html_export_read_stylesheet (byline_render_result_get_metadata (result),
                                                               base_dir, error);

    if (own == NULL && error != NULL && *error != NULL)
      return NULL;
    if (own != NULL)
      {
        g_string_append (out, "<style>\n");
        g_string_append (out, own);
        g_string_append (out, "\n</style>\n");
      }
  }
  body = byline_render_result_to_html (result);
  embedded = sanitize_body (body, base_dir, problems);

  g_string_append (out, "</head>\n<body>\n<main id=\"byline-article\">\n");
  g_string_append (out, embedded);
  g_string_append (out, "</main>\n</body>\n</html>\n");

  if (unembedded != NULL)
    *unembedded = g_steal_pointer (&problems);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * byline_html_export_text:
 * @text: the article, front matter included
 * @length: the length of @text, or -1 if it is nul-terminated
 * @base_dir: (nullable): the article's folder
 * @error: return location for a #GError
 *
 * Renders @text and builds the standalone page. An article with suggestions or comments left
 * is refused (%BYLINE_REVIEW_ERROR_UNRESOLVED).
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 */
char *
byline_html_export_text (const char  *text,
                         gssize       length,
                         GFile       *base_dir,
                         GError     **error)
{
  return byline_html_export_text_full (text, length, base_dir, BYLINE_HTML_EXPORT_DEFAULT, NULL,
                                       NULL, error);
}

/**
 * byline_html_export_text_full:
 * @text: the article, front matter included
 * @length: the length of @text, or -1 if it is nul-terminated
 * @base_dir: (nullable): the article's folder
 * @flags: #BylineHtmlExportFlags
 * @theme: (nullable): a built-in theme ("longread", "newsletter"); %NULL for the default
 * @unembedded: (out) (optional) (transfer full): for each local image that could not be
 *   embedded (it stays a link to the file), a sentence that names it and says why
 * @error: return location for a #GError
 *
 * Renders @text and builds the standalone page in @theme's look, with its suggestions and comments as tracked
 * changes when @flags has %BYLINE_HTML_EXPORT_WITH_SUGGESTIONS (otherwise they are refused).
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 */
char *
byline_html_export_text_full (const char            *text,
                              gssize                 length,
                              GFile                 *base_dir,
                              BylineHtmlExportFlags  flags,
                              const char            *theme,
                              GPtrArray            **unembedded,
                              GError               **error)
{
  return byline_html_export_text_themed (text, length, base_dir, flags, theme, NULL, unembedded,
                                         error);
}

/**
 * byline_html_export_text_themed:
 * @text: the article, front matter included
 * @length: the length of @text, or -1 if it is nul-terminated
 * @base_dir: (nullable): the article's folder
 * @flags: #BylineHtmlExportFlags
 * @theme: (nullable): a built-in theme ("longread", "newsletter", "publication")
 * @basic_theme: (nullable): the colours of the article's publication, for the "publication"
 *   theme; without them, that theme looks as the default
 * @unembedded: (out) (optional) (transfer full): as for [func@html_export_text_full]
 * @error: return location for a #GError
 *
 * As [func@html_export_text_full], with the publication's colours.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 */
char *
byline_html_export_text_themed (const char            *text,
                                gssize                 length,
                                GFile                 *base_dir,
                                BylineHtmlExportFlags  flags,
                                const char            *theme,
                                JsonObject            *basic_theme,
                                GPtrArray            **unembedded,
                                GError               **error)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(BylineRenderResult) result = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);

  if (!(flags & BYLINE_HTML_EXPORT_WITH_SUGGESTIONS) &&
      !byline_review_check (text, length, error))
    return NULL;

  result = byline_renderer_render (renderer, text, length);

  return build_page (result, base_dir, theme, basic_theme, unembedded, error);
}

/**
 * byline_html_export_file:
 * @article: the Markdown article
 * @output: where to write the page
 * @error: return location for a #GError
 *
 * Reads @article, renders it and writes the page to @output, atomically (the command line
 * writes its output itself, so that it can also write into a device or a pipe).
 *
 * Returns: %TRUE on success
 */
gboolean
byline_html_export_file (GFile   *article,
                         GFile   *output,
                         GError **error)
{
  g_autoptr(GFile) base_dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (article), FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);

  if (!g_file_load_contents (article, NULL, &text, &length, NULL, error))
    return FALSE;

  base_dir = g_file_get_parent (article);
  if (!(html = byline_html_export_text (text, length, base_dir, error)))
    return FALSE;

  return g_file_replace_contents (output, html, strlen (html), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}
