import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { ancestry, cityOf, levelOfCode, provinceOf } from '../../common/regions';
import { REGIONS_QUERY } from '../ranking/ranking.queries';

function parentOf(code: string): string | null {
  switch (levelOfCode(code)) {
    case 'PROVINCE':
      return null;
    case 'CITY':
      return provinceOf(code);
    case 'COUNTY':
      return cityOf(code);
    default:
      return code.slice(0, 6);
  }
}

/** One crumb: the region's name from its parent's children (regions are reference data, cached by Apollo). */
function Crumb({ code, search, last }: { code: string; search: string; last: boolean }) {
  const { data } = useQuery(REGIONS_QUERY, { variables: { parentCode: parentOf(code) }, fetchPolicy: 'cache-first' });
  const name = data?.regions.find((r) => r.code === code)?.name ?? code;
  return last ? (
    <span className="crumb crumb-current">{name}</span>
  ) : (
    <Link className="crumb" to={`/drill/${code}${search}`}>
      {name}
    </Link>
  );
}

export function Breadcrumbs({ code, search, top }: { code: string; search: string; top: string }) {
  // Start at the user's own region: the levels above it are outside its scope.
  const full = ancestry(code);
  const chain = full.slice(Math.max(0, full.indexOf(top)));
  return (
    <nav className="breadcrumbs" data-testid="drill-breadcrumbs">
      {chain.map((c, i) => (
        <span key={c}>
          {i > 0 && <span className="crumb-sep">›</span>}
          <Crumb code={c} search={search} last={i === chain.length - 1} />
        </span>
      ))}
    </nav>
  );
}
