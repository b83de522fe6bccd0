"""The PDF rendered in parts on several processes: ``parts`` cuts the document at its
chapters, ``worker`` renders one part in a forked process, ``pipeline`` runs them and
settles the page numbering, ``join`` joins the parts' PDFs (pikepdf), ``cache`` keeps each
part's PDF for the next build."""
