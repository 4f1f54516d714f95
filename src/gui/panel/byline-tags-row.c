/* byline-tags-row.c
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

#define G_LOG_DOMAIN "byline-tags-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-tags-row.h"
#include "byline-validator.h"

/*
 * The record's tags as removable chips, with an entry to add more. The row only shows the
 * tags it is given: an addition or removal is announced with ::tags-edited, and the panel
 * writes it to the document, whose new front matter comes back here.
 */

struct _BylineTagsRow
{
  AdwPreferencesRow  parent_instance;

  /* Template widgets */
  GtkFlowBox        *chips;
  GtkEntry          *entry;
  GtkLabel          *counter;
  GtkLabel          *error_label;

  /* Owned references */
  char             **tags;
};

G_DEFINE_FINAL_TYPE (BylineTagsRow, byline_tags_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  TAGS_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_chip (const char *tag)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (tag);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Remove “%s”"), tag);

  gtk_widget_add_css_class (chip, "byline-tag-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_tooltip_text (label, tag);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "tags.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", tag);

  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), remove);

  return chip;
}

static void
emit_edited (BylineTagsRow *self,
             GStrvBuilder  *builder)
{
  g_auto(GStrv) tags = g_strv_builder_end (builder);

  g_signal_emit (self, signals[TAGS_EDITED], 0, tags);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  BylineTagsRow *self = BYLINE_TAGS_ROW (widget);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  gboolean added = FALSE;

  if (self->tags != NULL)
    g_strv_builder_addv (builder, (const char **)self->tags);

  /* Pasting "a, b, c" adds three tags. */
  parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->entry)), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *tag = byline_tags_row_normalize (parts[i]);

      if (tag[0] == 0 || (self->tags != NULL && g_strv_contains ((const char * const *)self->tags, tag)))
        continue;

      g_strv_builder_add (builder, tag);
      added = TRUE;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  if (added)
    emit_edited (self, builder);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BylineTagsRow *self = BYLINE_TAGS_ROW (widget);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *removed = g_variant_get_string (param, NULL);

  for (guint i = 0; self->tags != NULL && self->tags[i] != NULL; i++)
    if (g_strcmp0 (self->tags[i], removed) != 0)
      g_strv_builder_add (builder, self->tags[i]);

  emit_edited (self, builder);
}

/* What is left of a tag's limits for the one being typed (after the last comma). */
static void
update_counter (BylineTagsRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *comma = strrchr (text, ',');
  g_autofree char *tag = byline_tags_row_normalize (comma ? comma + 1 : text);
  gint64 graphemes_left = (gint64)BYLINE_TAG_MAX_GRAPHEMES - byline_validator_count_graphemes (tag, -1);
  gint64 bytes_left = (gint64)BYLINE_TAG_MAX_BYTES - strlen (tag);
  g_autofree char *label = NULL;

  /* Translators: what is left of a tag's limits: characters, then bytes */
  label = g_strdup_printf (_("%" G_GINT64_FORMAT " left · %" G_GINT64_FORMAT " bytes"),
                           graphemes_left, bytes_left);
  gtk_label_set_text (self->counter, label);
  gtk_widget_set_visible (GTK_WIDGET (self->counter), tag[0] != 0);
  if (graphemes_left < 0 || bytes_left < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->counter), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counter), "error");
}

static void
entry_changed_cb (BylineTagsRow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tags.add",
                                 gtk_entry_get_text_length (self->entry) > 0);
  update_counter (self);
}

static void
entry_activate_cb (BylineTagsRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "tags.add", NULL);
}

static void
byline_tags_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BYLINE_TYPE_TAGS_ROW);

  G_OBJECT_CLASS (byline_tags_row_parent_class)->dispose (object);
}

static void
byline_tags_row_finalize (GObject *object)
{
  BylineTagsRow *self = BYLINE_TAGS_ROW (object);

  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (byline_tags_row_parent_class)->finalize (object);
}

static void
byline_tags_row_class_init (BylineTagsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_tags_row_dispose;
  object_class->finalize = byline_tags_row_finalize;

  /**
   * BylineTagsRow::tags-edited:
   * @self: the row
   * @tags: the tags the writer wants
   *
   * Emitted when the writer adds or removes a tag.
   */
  signals[TAGS_EDITED] =
    g_signal_new ("tags-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/byline-tags-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineTagsRow, chips);
  gtk_widget_class_bind_template_child (widget_class, BylineTagsRow, entry);
  gtk_widget_class_bind_template_child (widget_class, BylineTagsRow, counter);
  gtk_widget_class_bind_template_child (widget_class, BylineTagsRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "tags.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "tags.remove", "s", remove_action);
}

static void
byline_tags_row_init (BylineTagsRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  entry_changed_cb (self);
}

GtkWidget *
byline_tags_row_new (void)
{
  return g_object_new (BYLINE_TYPE_TAGS_ROW, NULL);
}

/**
 * byline_tags_row_get_tags:
 *
 * Returns: (transfer none) (nullable): the tags shown
 */
const char * const *
byline_tags_row_get_tags (BylineTagsRow *self)
{
  g_return_val_if_fail (BYLINE_IS_TAGS_ROW (self), NULL);

  return (const char * const *)self->tags;
}

/**
 * byline_tags_row_set_tags:
 * @self: a #BylineTagsRow
 * @tags: (nullable): the tags to show
 */
void
byline_tags_row_set_tags (BylineTagsRow      *self,
                          const char * const *tags)
{
  g_return_if_fail (BYLINE_IS_TAGS_ROW (self));

  if ((tags == NULL && self->tags == NULL) ||
      (tags != NULL && self->tags != NULL && g_strv_equal (tags, (const char * const *)self->tags)))
    return;

  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **)tags);

  gtk_flow_box_remove_all (self->chips);
  for (guint i = 0; self->tags != NULL && self->tags[i] != NULL; i++)
    gtk_flow_box_append (self->chips, create_chip (self->tags[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->chips), self->tags != NULL && self->tags[0] != NULL);
}

/**
 * byline_tags_row_set_error:
 * @self: a #BylineTagsRow
 * @message: (nullable): what is wrong with the tags, or %NULL
 */
void
byline_tags_row_set_error (BylineTagsRow *self,
                           const char    *message)
{
  g_return_if_fail (BYLINE_IS_TAGS_ROW (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/**
 * byline_tags_row_normalize:
 * @tag: a tag as typed
 *
 * Tags are stored without the `#` people type out of habit.
 *
 * Returns: (transfer full): @tag without surrounding spaces and leading `#`
 */
char *
byline_tags_row_normalize (const char *tag)
{
  g_autofree char *copy = g_strstrip (g_strdup (tag));
  const char *start = copy;

  while (*start == '#')
    start++;

  return g_strstrip (g_strdup (start));
}
