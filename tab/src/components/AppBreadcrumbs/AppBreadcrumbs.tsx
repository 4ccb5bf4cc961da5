import { Breadcrumb, BreadcrumbDivider, BreadcrumbItem } from '@fluentui/react-components';
import { Fragment } from 'react';
import { useAppBreadcrumbsStyles } from './AppBreadcrumbs.styles';

/** `Reseller › Team X`: where this import lands. */
export function AppBreadcrumbs({ items }: { readonly items: readonly string[] }) {
  const styles = useAppBreadcrumbsStyles();
  return (
    <Breadcrumb aria-label="Where you are" className={styles.root}>
      {items.map((item, i) => (
        <Fragment key={`${i}-${item}`}>
          {i > 0 ? <BreadcrumbDivider /> : null}
          <BreadcrumbItem aria-current={i === items.length - 1 ? 'page' : undefined}>{item}</BreadcrumbItem>
        </Fragment>
      ))}
    </Breadcrumb>
  );
}
