/* byline-metadata-panel.c
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

#define G_LOG_DOMAIN "byline-metadata-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "byline-contributors.h"
#include "byline-contributors-group.h"
#include "byline-cover-row.h"
#include "byline-date-row.h"
#include "byline-labels-group.h"
#include "byline-metadata-panel.h"
#include "byline-record.h"
#include "byline-row-names.h"
#include "byline-self-labels.h"
#include "byline-tags-row.h"
#include "byline-validator.h"

/*
 * The side panel shows the record's fields. It holds no copy of them: it shows the document's
 * metadata (read from the front matter) and writes every edit back through the document, which
 * changes only the lines of the edited keys, as one undoable action. Each row says what is left of its limits
 * and what is wrong with its value, by the rules the export applies.
 */

#define MAX_RECENT_SITES 8


struct _BylineMetadataPanel
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *groups;
  AdwEntryRow    *title_row;
  GtkLabel       *title_counter;
  GtkWidget      *title_error_row;
  GtkLabel       *title_error;
  GtkWidget      *description_view;
  GtkTextBuffer  *description_buffer;
  GtkLabel       *description_counter;
  GtkWidget      *description_error_row;
  GtkLabel       *description_error;
  AdwEntryRow    *site_row;
  GtkListBox     *recent_sites_list;
  GtkWidget      *recent_sites_button;
  GtkWidget      *site_error_row;
  GtkLabel       *site_error;
  AdwEntryRow    *path_row;
  GtkWidget      *follow_title_button;
  GtkWidget      *path_error_row;
  GtkLabel       *path_error;
  GtkWidget      *address_row;
  GtkLabel       *address_label;
  BylineTagsRow  *tags_row;
  BylineCoverRow *cover_row;
  BylineDateRow  *published_row;
  GtkWidget      *published_error_row;
  GtkLabel       *published_error;
  BylineDateRow  *updated_row;
  GtkWidget      *updated_error_row;
  GtkLabel       *updated_error;
  AdwEntryRow    *bsky_row;
  GtkWidget      *bsky_error_row;
  GtkWidget      *bsky_note_row;
  GtkLabel       *bsky_error;
  AdwComboRow    *content_format_row;
  GtkStringList  *content_formats;
  GtkWidget      *content_note_row;
  GtkLabel       *content_note;
  BylineContributorsGroup *contributors_group;
  BylineLabelsGroup *labels_group;

  /* Owned references */
  BylineDocument *document;
  BylineMetadata *shown;   /* what the rows show: a row that differs, the writer edited */
  GSignalGroup   *document_signals;
  GSettings      *settings;

  guint           write_source;

  guint           updating : 1;
};

G_DEFINE_FINAL_TYPE (BylineMetadataPanel, byline_metadata_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What is left of a field's limits, as the counter beside it shows it. */
static char *
dup_remaining (const char *text,
               gsize       max_graphemes,
               gsize       max_bytes,
               gboolean   *over)
{
  gint64 graphemes = text != NULL ? byline_validator_count_graphemes (text, -1) : 0;
  gint64 bytes = text != NULL ? strlen (text) : 0;
  gint64 graphemes_left = (gint64)max_graphemes - graphemes;
  gint64 bytes_left = (gint64)max_bytes - bytes;

  *over = graphemes_left < 0 || bytes_left < 0;

  /* Translators: what is left of a field's limits: characters, then bytes */
  return g_strdup_printf (_("%" G_GINT64_FORMAT " left\n%" G_GINT64_FORMAT " bytes"),
                          graphemes_left, bytes_left);
}

/* The first problem export would report for one field, in the same words; nothing for a
 * field not filled in. */
static char *
dup_problem (const char *field,
             int         index,
             const char *value)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (value == NULL)
    return NULL;

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify)byline_problem_free);
  if (byline_validator_check_value (problems, field, index, value))
    return NULL;

  return g_strdup (((BylineProblem *)g_ptr_array_index (problems, 0))->message);
}

/**
 * byline_metadata_panel_bsky_uri:
 * @text: what the writer pasted
 *
 * Turns a post's web address (`https://bsky.app/profile/HANDLE/post/RKEY`) into its AT-URI.
 *
 * Returns: (transfer full) (nullable): the AT-URI, @text itself when it is not a web address
 *   of a post, or %NULL for an empty text
 */
char *
byline_metadata_panel_bsky_uri (const char *text)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (stripped[0] == 0)
    return NULL;

  regex = g_regex_new ("^https?://(www\\.)?bsky\\.app/profile/([^/?#]+)/post/([^/?#]+)/?([?#].*)?$",
                       G_REGEX_CASELESS, 0, NULL);
  if (!g_regex_match (regex, stripped, 0, &match))
    return g_steal_pointer (&stripped);

  {
    g_autofree char *handle = g_match_info_fetch (match, 2);
    g_autofree char *rkey = g_match_info_fetch (match, 3);

    return g_strdup_printf ("at://%s/app.bsky.feed.post/%s", handle, rkey);
  }
}

/* A path the writer took from the title: it keeps following the title. */
static gboolean
path_follows_title (BylineMetadata *metadata)
{
  g_autofree char *slug = byline_record_slugify (byline_metadata_get_title (metadata));
  const char *path = byline_metadata_get_path (metadata);

  return path != NULL && g_strcmp0 (path, slug) == 0;
}

static void
show_error (GtkWidget  *row,
            GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (row, message != NULL);
}

static void
show_counter (GtkLabel   *counter,
              const char *remaining,
              gboolean    over)
{
  gtk_label_set_text (counter, remaining);
  gtk_widget_set_tooltip_text (GTK_WIDGET (counter),
                               _("Characters and bytes left before the record’s limit"));
  if (over)
    gtk_widget_add_css_class (GTK_WIDGET (counter), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (counter), "error");
}

static void
update_problems (BylineMetadataPanel *self)
{
  BylineMetadata *metadata = byline_document_get_metadata (self->document);
  const char * const *tags = byline_metadata_get_tags (metadata);
  g_autofree char *title_left = NULL;
  g_autofree char *description_left = NULL;
  g_autofree char *title_problem = NULL;
  g_autofree char *description_problem = NULL;
  g_autofree char *site_problem = NULL;
  g_autofree char *path_problem = NULL;
  g_autofree char *published_problem = NULL;
  g_autofree char *updated_problem = NULL;
  g_autofree char *bsky_problem = NULL;
  g_autofree char *tags_problem = NULL;
  g_autofree char *slug = NULL;
  gboolean title_over, description_over;

  title_problem = dup_problem ("title", -1, byline_metadata_get_title (metadata));
  description_problem = dup_problem ("description", -1, byline_metadata_get_description (metadata));
  site_problem = dup_problem ("site", -1, byline_metadata_get_site (metadata));
  path_problem = dup_problem ("path", -1, byline_metadata_get_path (metadata));
  published_problem = dup_problem ("publishedAt", -1, byline_metadata_get_published_at (metadata));
  updated_problem = dup_problem ("updatedAt", -1, byline_metadata_get_updated_at (metadata));
  bsky_problem = dup_problem ("bskyPostRef.uri", -1, byline_metadata_get_bsky_post_uri (metadata));
  for (guint i = 0; tags != NULL && tags[i] != NULL && tags_problem == NULL; i++)
    tags_problem = dup_problem ("tags", i, tags[i]);

  title_left = dup_remaining (byline_metadata_get_title (metadata),
                              BYLINE_TITLE_MAX_GRAPHEMES, BYLINE_TITLE_MAX_BYTES, &title_over);
  description_left = dup_remaining (byline_metadata_get_description (metadata),
                                    BYLINE_DESCRIPTION_MAX_GRAPHEMES, BYLINE_DESCRIPTION_MAX_BYTES,
                                    &description_over);

  show_counter (self->title_counter, title_left, title_over);
  show_counter (self->description_counter, description_left, description_over);
  show_error (self->title_error_row, self->title_error, title_problem);
  show_error (self->description_error_row, self->description_error, description_problem);
  show_error (self->site_error_row, self->site_error, site_problem);
  show_error (self->path_error_row, self->path_error, path_problem);
  show_error (self->published_error_row, self->published_error, published_problem);
  show_error (self->updated_error_row, self->updated_error, updated_problem);
  show_error (self->bsky_error_row, self->bsky_error, bsky_problem);
  byline_tags_row_set_error (self->tags_row, tags_problem);
  gtk_widget_set_visible (self->bsky_note_row,
                          byline_metadata_get_bsky_post_uri (metadata) != NULL &&
                          bsky_problem == NULL &&
                          byline_metadata_get_bsky_post_cid (metadata) == NULL);

  slug = byline_record_slugify (byline_metadata_get_title (metadata));

  /* Readers will find the article at site + path (without a path, the export takes it from
   * the title): show it, so a wrong one is caught here. */
  if (site_problem == NULL && path_problem == NULL &&
      g_str_has_prefix (byline_metadata_get_site (metadata) ?: "", "https://") &&
      (byline_metadata_get_path (metadata) != NULL || slug != NULL))
    {
      const char *path = byline_metadata_get_path (metadata) ?: slug;
      g_autofree char *address = g_strconcat (byline_metadata_get_site (metadata), path, NULL);
      /* Translators: the article's public web address */
      g_autofree char *text = g_strdup_printf (_("Published at %s"), address);

      gtk_label_set_text (self->address_label, text);
      gtk_widget_set_visible (self->address_row, TRUE);
    }
  else
    gtk_widget_set_visible (self->address_row, FALSE);

  /* The path the title suggests is offered, never written unasked. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "metadata.follow-title",
                                 slug != NULL &&
                                 g_strcmp0 (slug, byline_metadata_get_path (metadata)) != 0);
  gtk_widget_set_visible (self->follow_title_button,
                          gtk_widget_is_sensitive (self->follow_title_button));
  if (slug != NULL)
    {
      /* Translators: the tooltip of the button that sets the path from the title */
      g_autofree char *tooltip = g_strdup_printf (_("Use “%s”, from the Title"), slug);

      gtk_widget_set_tooltip_text (self->follow_title_button, tooltip);
    }
}

/* The `$type` of an imported content Byline cannot write, kept as it was. */
static const char *
kept_content_type (BylineMetadata *metadata)
{
  JsonObject *kept = byline_metadata_get_record_fields (metadata);
  JsonNode *content = kept ? json_object_get_member (kept, "content") : NULL;
  JsonObject *holder;
  const char *member;
  const char *type;

  if (content == NULL || !JSON_NODE_HOLDS_OBJECT (content) ||
      _byline_record_find_markdown (json_node_get_object (content), &holder, &member))
    return NULL;
  type = json_object_get_string_member_with_default (json_node_get_object (content), "$type", NULL);
  if (g_strcmp0 (type, BYLINE_LEAFLET_TYPE) == 0)
    return NULL;

  return type ? type : _("unknown");
}

static const char * const content_format_values[] = { "markdown", "leaflet", "none" };

/* The row's item for the article's `contentFormat`: Markdown, Leaflet, none, or (for a
 * content kept as imported) the fourth, As Imported. */
static guint
content_format_index (BylineMetadata *metadata)
{
  const char *value = byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT);

  for (guint i = 0; i < G_N_ELEMENTS (content_format_values); i++)
    if (g_strcmp0 (value, content_format_values[i]) == 0)
      return i;

  return value == NULL && kept_content_type (metadata) != NULL ? G_N_ELEMENTS (content_format_values) : 0;
}

static void
show_content_format (BylineMetadataPanel *self,
                     BylineMetadata      *metadata)
{
  const char *kept = kept_content_type (metadata);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->content_formats));
  guint index = content_format_index (metadata);

  if (kept != NULL)
    {
      /* Translators: a content format: the record's content kept as it was imported */
      g_autofree char *label = g_strdup_printf (_("As Imported (%s)"), kept);
      const char * const items[] = { label, NULL };

      gtk_string_list_splice (self->content_formats, G_N_ELEMENTS (content_format_values),
                              n - G_N_ELEMENTS (content_format_values), items);
    }
  else if (n > G_N_ELEMENTS (content_format_values))
    gtk_string_list_remove (self->content_formats, G_N_ELEMENTS (content_format_values));

  if (adw_combo_row_get_selected (self->content_format_row) != index)
    adw_combo_row_set_selected (self->content_format_row, index);

  gtk_widget_set_visible (self->content_note_row, kept != NULL && index == G_N_ELEMENTS (content_format_values));
  if (kept != NULL)
    {
      g_autofree char *note = g_strdup_printf (
        _("The record’s content is “%s”, which Byline cannot write: it goes out as it was "
          "imported, and edits reach only the plain text. Once the body is edited, export and "
          "publishing ask for another format."), kept);

      gtk_label_set_text (self->content_note, note);
    }
}

static void
set_row_text (BylineMetadataPanel *self,
              AdwEntryRow         *row,
              const char          *text)
{
  gboolean updating = self->updating;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") == 0)
    return;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  self->updating = updating;
}

static char *
dup_description (BylineMetadataPanel *self)
{
  GtkTextIter begin, end;

  gtk_text_buffer_get_bounds (self->description_buffer, &begin, &end);

  return gtk_text_buffer_get_text (self->description_buffer, &begin, &end, FALSE);
}

static void
show_metadata (BylineMetadataPanel *self,
               BylineMetadata      *metadata)
{
  g_autofree char *description = dup_description (self);
  g_autofree char *shown_bsky = byline_metadata_panel_bsky_uri (
    gtk_editable_get_text (GTK_EDITABLE (self->bsky_row)));
  const char *value;

  self->updating = TRUE;

  g_clear_object (&self->shown);
  self->shown = byline_metadata_copy (metadata);

  set_row_text (self, self->title_row, byline_metadata_get_title (metadata));
  set_row_text (self, self->site_row, byline_metadata_get_site (metadata));
  set_row_text (self, self->path_row, byline_metadata_get_path (metadata));

  value = byline_metadata_get_description (metadata);
  if (g_strcmp0 (description, value ? value : "") != 0)
    gtk_text_buffer_set_text (self->description_buffer, value ? value : "", -1);

  /* A pasted web address stays as pasted while it means the stored AT-URI. */
  value = byline_metadata_get_bsky_post_uri (metadata);
  if (g_strcmp0 (shown_bsky, value) != 0)
    set_row_text (self, self->bsky_row, value);

  byline_tags_row_set_tags (self->tags_row, byline_metadata_get_tags (metadata));
  byline_cover_row_set_value (self->cover_row, byline_metadata_get_cover_image (metadata));
  byline_date_row_set_value (self->published_row, byline_metadata_get_published_at (metadata));
  byline_date_row_set_value (self->updated_row, byline_metadata_get_updated_at (metadata));
  show_content_format (self, metadata);

  {
    g_autoptr(GPtrArray) contributors = byline_metadata_dup_contributors (metadata);

    byline_contributors_group_set_contributors (self->contributors_group, contributors);
  }

  {
    g_auto(GStrv) labels = byline_metadata_dup_labels (metadata);

    byline_labels_group_set_labels (self->labels_group, (const char * const *)labels);
  }

  self->updating = FALSE;
}

static void
metadata_changed_cb (BylineMetadataPanel *self)
{
  g_autoptr(BylineMetadata) empty = NULL;

  g_assert (BYLINE_IS_METADATA_PANEL (self));

  if (self->document == NULL)
    {
      empty = byline_metadata_new ();
      show_metadata (self, empty);
      return;
    }

  /* The writer's pending edit wins over an older reading of the text. */
  if (self->write_source != 0)
    return;

  show_metadata (self, byline_document_get_metadata (self->document));
  update_problems (self);
}

static void
front_matter_error_cb (BylineMetadataPanel *self)
{
  /* Edits would be refused until the writer fixes the YAML in the editor. */
  gtk_widget_set_sensitive (self->groups,
                            self->document == NULL ||
                            byline_document_get_front_matter_error (self->document) == NULL);
}

static void
file_changed_cb (BylineMetadataPanel *self)
{
  GFile *file = self->document ? byline_document_get_file (self->document) : NULL;
  g_autoptr(GFile) directory = file ? g_file_get_parent (file) : NULL;

  byline_cover_row_set_base_directory (self->cover_row, directory);
}

/* Takes into @metadata the fields the writer edited: those whose row differs from what it
 * showed. The others keep the document's values, which may be newer than the rows (the text
 * read again while an edit was pending), so nothing is written that the writer did not ask
 * for. */
static void
take_fields (BylineMetadataPanel *self,
             BylineMetadata      *metadata)
{
  BylineMetadata *shown = self->shown;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *path = gtk_editable_get_text (GTK_EDITABLE (self->path_row));
  const char *site = gtk_editable_get_text (GTK_EDITABLE (self->site_row));
  g_autofree char *description = dup_description (self);
  g_autofree char *bsky = byline_metadata_panel_bsky_uri (
    gtk_editable_get_text (GTK_EDITABLE (self->bsky_row)));
  const char *value;
  guint selected;

  if (g_strcmp0 (path, byline_metadata_get_path (shown) ?: "") == 0)
    path = NULL;

  if (g_strcmp0 (title, byline_metadata_get_title (shown) ?: "") != 0)
    {
      /* A path taken from the title follows it; one edited by hand is the writer's. None is
       * added: until the writer takes the suggestion, the export derives it from the title. */
      if (path == NULL && path_follows_title (metadata))
        {
          g_autofree char *slug = byline_record_slugify (title);

          byline_metadata_set_path (metadata, slug);
        }
      byline_metadata_set_title (metadata, title);
    }

  if (path != NULL)
    byline_metadata_set_path (metadata, path);

  if (g_strcmp0 (description, byline_metadata_get_description (shown) ?: "") != 0)
    byline_metadata_set_description (metadata, description);
  if (g_strcmp0 (site, byline_metadata_get_site (shown) ?: "") != 0)
    byline_metadata_set_site (metadata, site);

  if (g_strcmp0 (bsky, byline_metadata_get_bsky_post_uri (shown)) != 0)
    {
      /* The CID belonged to the post that was there before. */
      byline_metadata_set_bsky_post_uri (metadata, bsky);
      byline_metadata_set_bsky_post_cid (metadata, NULL);
    }

  value = byline_cover_row_get_value (self->cover_row);
  if (g_strcmp0 (value, byline_metadata_get_cover_image (shown)) != 0)
    byline_metadata_set_cover_image (metadata, value);
  value = byline_date_row_get_value (self->published_row);
  if (g_strcmp0 (value, byline_metadata_get_published_at (shown)) != 0)
    byline_metadata_set_published_at (metadata, value);
  value = byline_date_row_get_value (self->updated_row);
  if (g_strcmp0 (value, byline_metadata_get_updated_at (shown)) != 0)
    byline_metadata_set_updated_at (metadata, value);

  selected = adw_combo_row_get_selected (self->content_format_row);
  if (selected != GTK_INVALID_LIST_POSITION && selected != content_format_index (shown))
    byline_metadata_set_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT,
                                selected < G_N_ELEMENTS (content_format_values) ?
                                  content_format_values[selected] : NULL);
}

static gboolean
write_fields_cb (gpointer data)
{
  BylineMetadataPanel *self = data;
  g_autoptr(BylineMetadata) metadata = NULL;

  self->write_source = 0;

  if (self->document == NULL)
    return G_SOURCE_REMOVE;

  metadata = byline_metadata_copy (byline_document_get_metadata (self->document));
  take_fields (self, metadata);
  byline_document_set_front_matter (self->document, metadata, NULL);

  /* The document's metadata now holds the edit (or refused it): show what it holds. */
  metadata_changed_cb (self);

  return G_SOURCE_REMOVE;
}

static void
flush_write (BylineMetadataPanel *self)
{
  if (self->write_source == 0)
    return;

  g_clear_handle_id (&self->write_source, g_source_remove);
  write_fields_cb (self);
}

static void
field_changed_cb (BylineMetadataPanel *self)
{
  g_assert (BYLINE_IS_METADATA_PANEL (self));

  if (self->updating || self->document == NULL)
    return;

  /* Written at idle: a replaced entry text (cleared, then set) becomes one edit. */
  if (self->write_source == 0)
    self->write_source = g_idle_add (write_fields_cb, self);
}

static void
tags_edited_cb (BylineMetadataPanel *self,
                const char * const  *tags)
{
  g_assert (BYLINE_IS_METADATA_PANEL (self));

  if (self->document == NULL)
    return;

  flush_write (self);
  byline_document_set_tags (self->document, tags);
  metadata_changed_cb (self);
}

static void
contributors_edited_cb (BylineMetadataPanel *self,
                        GPtrArray           *contributors)
{
  g_autoptr(BylineMetadata) copy = NULL;

  g_assert (BYLINE_IS_METADATA_PANEL (self));

  if (self->document == NULL)
    return;

  flush_write (self);
  copy = byline_metadata_copy (byline_document_get_metadata (self->document));
  byline_metadata_set_contributors (copy, contributors);
  byline_document_set_front_matter (self->document, copy, NULL);
  metadata_changed_cb (self);
}

static void
labels_edited_cb (BylineMetadataPanel *self,
                  const char * const  *labels)
{
  g_autoptr(BylineMetadata) copy = NULL;

  g_assert (BYLINE_IS_METADATA_PANEL (self));

  if (self->document == NULL)
    return;

  flush_write (self);
  copy = byline_metadata_copy (byline_document_get_metadata (self->document));
  byline_metadata_set_labels (copy, labels);
  byline_document_set_front_matter (self->document, copy, NULL);
  metadata_changed_cb (self);
}

static void
update_recent_sites (BylineMetadataPanel *self)
{
  g_auto(GStrv) sites = g_settings_get_strv (self->settings, "recent-sites");

  gtk_list_box_remove_all (self->recent_sites_list);
  for (guint i = 0; sites[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (sites[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->recent_sites_list, label);
    }

  gtk_widget_set_sensitive (self->recent_sites_button, sites[0] != NULL);
}

static void
remember_site (BylineMetadataPanel *self,
               const char          *site)
{
  g_auto(GStrv) sites = g_settings_get_strv (self->settings, "recent-sites");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) remembered = NULL;
  g_autofree char *problem = dup_problem ("site", -1, site);
  guint count = 1;

  if (site == NULL || site[0] == 0 || problem != NULL)
    return;

  g_strv_builder_add (builder, site);
  for (guint i = 0; sites[i] != NULL && count < MAX_RECENT_SITES; i++)
    if (g_strcmp0 (sites[i], site) != 0)
      {
        g_strv_builder_add (builder, sites[i]);
        count++;
      }

  remembered = g_strv_builder_end (builder);
  if (!g_strv_equal ((const char * const *)remembered, (const char * const *)sites))
    g_settings_set_strv (self->settings, "recent-sites", (const char * const *)remembered);
}

static void
remember_site_cb (BylineMetadataPanel *self)
{
  remember_site (self, gtk_editable_get_text (GTK_EDITABLE (self->site_row)));
}

static void
site_focus_leave_cb (BylineMetadataPanel *self)
{
  remember_site_cb (self);
}

static void
recent_site_activated_cb (BylineMetadataPanel *self,
                          GtkListBoxRow       *row)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  gtk_editable_set_text (GTK_EDITABLE (self->site_row), gtk_label_get_text (GTK_LABEL (label)));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->recent_sites_button));
  remember_site_cb (self);
}

static void
follow_title_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BylineMetadataPanel *self = BYLINE_METADATA_PANEL (widget);
  g_autofree char *slug = NULL;

  if (self->document == NULL)
    return;

  flush_write (self);
  slug = byline_record_slugify (byline_metadata_get_title (
    byline_document_get_metadata (self->document)));
  byline_document_set_field (self->document, BYLINE_METADATA_FIELD_PATH, slug);
  metadata_changed_cb (self);
}

/* Enter in an empty Path row takes the path the title suggests. */
static void
path_activated_cb (BylineMetadataPanel *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->path_row))[0] == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "metadata.follow-title", NULL);
}

static void
byline_metadata_panel_dispose (GObject *object)
{
  BylineMetadataPanel *self = BYLINE_METADATA_PANEL (object);

  flush_write (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_METADATA_PANEL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->shown);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_metadata_panel_parent_class)->dispose (object);
}

static void
byline_metadata_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BylineMetadataPanel *self = BYLINE_METADATA_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_metadata_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BylineMetadataPanel *self = BYLINE_METADATA_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      byline_metadata_panel_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_metadata_panel_class_init (BylineMetadataPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_metadata_panel_dispose;
  object_class->get_property = byline_metadata_panel_get_property;
  object_class->set_property = byline_metadata_panel_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, BYLINE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BYLINE_TYPE_COVER_ROW);
  g_type_ensure (BYLINE_TYPE_DATE_ROW);
  g_type_ensure (BYLINE_TYPE_TAGS_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/byline-metadata-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, groups);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, title_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, title_counter);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, title_error_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, title_error);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, description_buffer);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, description_view);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, description_counter);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, description_error_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, description_error);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, site_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, recent_sites_list);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, recent_sites_button);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, site_error_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, site_error);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, path_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, follow_title_button);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, path_error_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, path_error);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, address_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, address_label);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, tags_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, cover_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, published_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, published_error_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, published_error);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, updated_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, updated_error_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, updated_error);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, bsky_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, bsky_error_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, bsky_error);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, bsky_note_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, content_format_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, content_formats);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, content_note_row);
  gtk_widget_class_bind_template_child (widget_class, BylineMetadataPanel, content_note);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tags_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, path_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, remember_site_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_site_activated_cb);

  gtk_widget_class_install_action (widget_class, "metadata.follow-title", NULL,
                                   follow_title_action);
}

/* What a screen reader reads of the panel, as AT-SPI exports it: each row that takes the focus
 * is named once by its title (an entry row's name was its title twice, as the row's and its
 * text's; a plain preferences row had none), a row with no title only shows text and does
 * not take the focus, the lists are named, the cover's thumbnail is named after its row and
 * the tag entry's add icon by its tooltip. */
static void
name_for_screen_readers (GtkWidget  *widget,
                         const char *row_title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *title = row_title;

      if (ADW_IS_PREFERENCES_ROW (child) && !ADW_IS_ACTION_ROW (child))
        {
          title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));
          if (title != NULL && *title != '\0')
            {
              /* A labelling relation would win over the label. */
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                             GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
            }
          else
            gtk_widget_set_focusable (child, FALSE);
        }
      else if (GTK_IS_LIST_BOX (child))
        {
          g_autoptr(GString) titles = g_string_new (NULL);

          /* A group without a title is named after its rows. */
          for (GtkWidget *row = gtk_widget_get_first_child (child);
               row != NULL;
               row = gtk_widget_get_next_sibling (row))
            {
              const char *t = ADW_IS_PREFERENCES_ROW (row)
                ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;

              if (t != NULL && *t != '\0' && ADW_IS_PREFERENCES_GROUP (gtk_widget_get_ancestor (child, ADW_TYPE_PREFERENCES_GROUP)) &&
                  *adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (child, ADW_TYPE_PREFERENCES_GROUP))) == '\0')
                g_string_append_printf (titles, "%s%s", titles->len > 0 ? ", " : "", t);
            }
          if (titles->len > 0)
            {
              /* libadwaita labels it by the group's empty title. */
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                             GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, titles->str, -1);
            }
        }
      else if (GTK_IS_FLOW_BOX (child) && row_title != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, row_title, -1);
      else if (GTK_IS_PICTURE (child) && row_title != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, row_title, -1);
      else if (GTK_IS_IMAGE (child) && GTK_IS_ENTRY (widget) &&
               gtk_entry_get_icon_tooltip_text (GTK_ENTRY (widget), GTK_ENTRY_ICON_SECONDARY) != NULL)
        {
          g_autofree char *tip = gtk_entry_get_icon_tooltip_text (GTK_ENTRY (widget),
                                                                  GTK_ENTRY_ICON_SECONDARY);

          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
        }

      name_for_screen_readers (child, title);
    }
}

static void
byline_metadata_panel_init (BylineMetadataPanel *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Credits follow the tags and cover. */
  self->contributors_group = BYLINE_CONTRIBUTORS_GROUP (byline_contributors_group_new ());
  gtk_box_insert_child_after (GTK_BOX (self->groups), GTK_WIDGET (self->contributors_group),
                              gtk_widget_get_ancestor (GTK_WIDGET (self->tags_row),
                                                       ADW_TYPE_PREFERENCES_GROUP));
  g_signal_connect_object (self->contributors_group, "edited",
                           G_CALLBACK (contributors_edited_cb), self, G_CONNECT_SWAPPED);
  self->labels_group = BYLINE_LABELS_GROUP (byline_labels_group_new ());
  gtk_box_insert_child_after (GTK_BOX (self->groups), GTK_WIDGET (self->labels_group),
                              GTK_WIDGET (self->contributors_group));
  g_signal_connect_object (self->labels_group, "edited",
                           G_CALLBACK (labels_edited_cb), self, G_CONNECT_SWAPPED);

  name_for_screen_readers (GTK_WIDGET (self), NULL);
  byline_row_names_apply (GTK_WIDGET (self));

  self->shown = byline_metadata_new ();
  self->settings = g_settings_new (BASE_ID);
  g_signal_connect_object (self->settings, "changed::recent-sites",
                           G_CALLBACK (update_recent_sites), self, G_CONNECT_SWAPPED);
  update_recent_sites (self);

  /* A site is remembered once the writer is done with it, not at each keystroke. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (site_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->site_row), focus);

  self->document_signals = g_signal_group_new (BYLINE_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::metadata",
                                 G_CALLBACK (metadata_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::front-matter-error",
                                 G_CALLBACK (front_matter_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (file_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
byline_metadata_panel_new (void)
{
  return g_object_new (BYLINE_TYPE_METADATA_PANEL, NULL);
}

/**
 * byline_metadata_panel_get_document:
 *
 * Returns: (transfer none) (nullable): the document whose metadata is shown
 */
BylineDocument *
byline_metadata_panel_get_document (BylineMetadataPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_METADATA_PANEL (self), NULL);

  return self->document;
}

void
byline_metadata_panel_set_document (BylineMetadataPanel *self,
                                    BylineDocument      *document)
{
  g_return_if_fail (BYLINE_IS_METADATA_PANEL (self));
  g_return_if_fail (!document || BYLINE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  flush_write (self);
  byline_contributors_group_reset (self->contributors_group);

  g_set_object (&self->document, document);

  g_signal_group_set_target (self->document_signals, document);
  file_changed_cb (self);
  front_matter_error_cb (self);
  metadata_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * byline_metadata_panel_focus_field:
 * @self: a #BylineMetadataPanel
 * @field: a record field, as #BylineProblem names it (`title`, `tags`, `bskyPostRef.uri`, …)
 *
 * Moves the keyboard focus to the row that edits @field, scrolling it into view, so a
 * problem listed elsewhere can be fixed at once.
 *
 * Returns: whether the panel has a row for @field
 */
gboolean
byline_metadata_panel_focus_field (BylineMetadataPanel *self,
                                   const char          *field)
{
  static const struct { const char *field; gsize offset; } rows[] = {
    { "title", G_STRUCT_OFFSET (BylineMetadataPanel, title_row) },
    { "description", G_STRUCT_OFFSET (BylineMetadataPanel, description_view) },
    { "site", G_STRUCT_OFFSET (BylineMetadataPanel, site_row) },
    { "path", G_STRUCT_OFFSET (BylineMetadataPanel, path_row) },
    { "tags", G_STRUCT_OFFSET (BylineMetadataPanel, tags_row) },
    { "coverImage", G_STRUCT_OFFSET (BylineMetadataPanel, cover_row) },
    { "publishedAt", G_STRUCT_OFFSET (BylineMetadataPanel, published_row) },
    { "updatedAt", G_STRUCT_OFFSET (BylineMetadataPanel, updated_row) },
    { "bskyPostRef", G_STRUCT_OFFSET (BylineMetadataPanel, bsky_row) },
  };

  g_return_val_if_fail (BYLINE_IS_METADATA_PANEL (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gsize len = strlen (rows[i].field);
      GtkWidget *row;

      /* `bskyPostRef.uri` and `bskyPostRef.cid` are both the Bluesky row. */
      if (strncmp (field, rows[i].field, len) != 0 || (field[len] != 0 && field[len] != '.'))
        continue;

      row = G_STRUCT_MEMBER (GtkWidget *, self, rows[i].offset);
      if (!gtk_widget_grab_focus (row))
        gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);

      return TRUE;
    }

  return FALSE;
}
