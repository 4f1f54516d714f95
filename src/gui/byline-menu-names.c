/* byline-menu-names.c
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

/*
 * GTK (4.18) exports the items of a menu built from a menu model (its private GtkModelButton)
 * on AT-SPI without a name: each item is "labelled by" the label inside it, whose name GTK
 * computes empty, and that relation takes precedence over everything else. Until GTK names
 * them, each item's relation is dropped and its text, without the mnemonic underscore, set as
 * its label whenever the menu is shown, so that items added since (recent files) are named too.
 */

#define G_LOG_DOMAIN "byline-menu-names"

#include "config.h"

#include "byline-menu-names.h"

/**
 * byline_strip_mnemonic:
 * @text: a label with a mnemonic underscore
 *
 * Returns: (transfer full): @text as read, without its mnemonic underscore
 */
char *
byline_strip_mnemonic (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
name_items (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (G_OBJECT_TYPE_NAME (child), "GtkModelButton") == 0)
        {
          g_autofree char *text = NULL;

          /* A menu model's labels always carry their mnemonics. */
          g_object_get (child, "text", &text, NULL);
          if (text != NULL && *text != '\0')
            {
              g_autofree char *label = byline_strip_mnemonic (text);

              /* The item is labelled by its inner label, whose name GTK computes empty, and a
               * labelling relation wins over a label: drop it. */
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                             GTK_ACCESSIBLE_RELATION_LABELLED_BY);

              gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                              -1);
            }
        }
      name_items (child);
    }
}

/**
 * byline_menu_names_follow:
 * @popover: a #GtkPopoverMenu
 *
 * Names @popover's items on AT-SPI by their labels each time it is shown.
 */
void
byline_menu_names_follow (GtkPopover *popover)
{
  g_return_if_fail (GTK_IS_POPOVER (popover));

  g_signal_connect (popover, "map", G_CALLBACK (name_items), NULL);
  name_items (GTK_WIDGET (popover));
}
