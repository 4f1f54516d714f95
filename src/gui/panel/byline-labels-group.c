/* byline-labels-group.c
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

#define G_LOG_DOMAIN "byline-labels-group"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-labels-group.h"

/*
 * The article's self-labels, the content warnings readers' apps act on: a switch for each of
 * the labels they know. Labels the front matter holds beyond those are kept, and named under
 * the switches. Each change is said with "edited", which the panel writes into the front
 * matter.
 */

static const struct
{
  const char *value;
  const char *title;
  const char *subtitle;
} known[] = {
  { "sexual", N_("Sexually Suggestive"), N_("Not explicit, but not for everyone") },
  { "nudity", N_("Nudity"), N_("Artistic or other non-sexual nudity") },
  { "porn", N_("Adult Content"), N_("Explicit sexual images or descriptions") },
  { "graphic-media", N_("Graphic Media"), N_("Violence, gore or other disturbing images") },
};

struct _BylineLabelsGroup
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget           *rows[G_N_ELEMENTS (known)];
  GtkSwitch           *switches[G_N_ELEMENTS (known)];
  GtkWidget           *others_row;
  GtkLabel            *others_label;
  GStrv                labels;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (BylineLabelsGroup, byline_labels_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_known (const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (known[i].value, value) == 0)
      return TRUE;

  return FALSE;
}

static void
switch_changed_cb (BylineLabelsGroup *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (self->updating)
    return;

  /* The labels as they were, without those switched off, then those switched on. */
  for (guint i = 0; self->labels != NULL && self->labels[i] != NULL; i++)
    {
      gboolean keep = TRUE;

      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        if (g_strcmp0 (known[k].value, self->labels[i]) == 0)
          keep = gtk_switch_get_active (self->switches[k]);
      if (keep)
        g_strv_builder_add (builder, self->labels[i]);
    }
  for (guint k = 0; k < G_N_ELEMENTS (known); k++)
    if (gtk_switch_get_active (self->switches[k]) &&
        (self->labels == NULL || !g_strv_contains ((const char * const *)self->labels, known[k].value)))
      g_strv_builder_add (builder, known[k].value);

  g_strfreev (self->labels);
  self->labels = g_strv_builder_end (builder);
  g_signal_emit (self, signals[EDITED], 0, self->labels);
}

static void
byline_labels_group_finalize (GObject *object)
{
  BylineLabelsGroup *self = (BylineLabelsGroup *)object;

  g_clear_pointer (&self->labels, g_strfreev);

  G_OBJECT_CLASS (byline_labels_group_parent_class)->finalize (object);
}

static void
byline_labels_group_class_init (BylineLabelsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_labels_group_finalize;

  /**
   * BylineLabelsGroup::edited:
   * @labels: the labels, as the writer left them
   */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
byline_labels_group_init (BylineLabelsGroup *self)
{
  GtkWidget *label;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Content Warnings"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Labels the record carries, for readers’ apps to warn before showing the article"));

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      GtkWidget *toggle = gtk_switch_new ();

      /* A switch of its own, which the keyboard reaches and a screen reader names. */
      self->rows[i] = adw_action_row_new ();
      self->switches[i] = GTK_SWITCH (toggle);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]), _(known[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[i]), _(known[i].subtitle));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(known[i].title), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->rows[i]), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->rows[i]), toggle);
      g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (switch_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->rows[i]);
    }

  self->others_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->others_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self->others_row), FALSE);
  gtk_widget_set_focusable (self->others_row, FALSE);
  gtk_widget_set_visible (self->others_row, FALSE);
  label = gtk_label_new (NULL);
  self->others_label = GTK_LABEL (label);
  gtk_label_set_xalign (self->others_label, 0);
  gtk_label_set_wrap (self->others_label, TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->others_row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->others_row);
}

GtkWidget *
byline_labels_group_new (void)
{
  return g_object_new (BYLINE_TYPE_LABELS_GROUP, NULL);
}

/**
 * byline_labels_group_set_labels:
 * @self: a #BylineLabelsGroup
 * @labels: (nullable): what the front matter holds
 */
void
byline_labels_group_set_labels (BylineLabelsGroup  *self,
                                const char * const *labels)
{
  g_autoptr(GString) others = g_string_new (NULL);

  g_return_if_fail (BYLINE_IS_LABELS_GROUP (self));

  if (labels == NULL)
    labels = (const char * const[]) { NULL };
  if (self->labels != NULL && g_strv_equal ((const char * const *)self->labels, labels))
    return;

  g_strfreev (self->labels);
  self->labels = g_strdupv ((char **)labels);

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    gtk_switch_set_active (self->switches[i], g_strv_contains (labels, known[i].value));
  self->updating = FALSE;

  for (guint i = 0; labels[i] != NULL; i++)
    if (!is_known (labels[i]))
      g_string_append_printf (others, "%s%s", others->len > 0 ? ", " : "", labels[i]);

  if (others->len > 0)
    {
      /* Translators: labels from the front matter that have no switch, kept as they are */
      g_autofree char *text = g_strdup_printf (_("Also labelled: %s"), others->str);

      gtk_label_set_label (self->others_label, text);
    }
  gtk_widget_set_visible (self->others_row, others->len > 0);
}
